// Handlers answer with promises; synchronous service work goes through this so what it throws becomes a rejection.
export function settle<T>(work: () => T): Promise<T> {
  return new Promise((resolve) => resolve(work()));
}

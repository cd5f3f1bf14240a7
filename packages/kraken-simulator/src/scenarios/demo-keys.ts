// The demo account's API keys. Fixed values (not secrets: they only open the local simulator) so tests, the CLI
// and the app's demo mode can all sign requests without reading the scenario file.
import type { ScenarioKey } from '../scenario';

const READ_ALL = ['query-funds', 'query-open-trades', 'query-closed-trades', 'query-ledger'] as const;
const TRADE = ['modify-trades', 'close-trades'] as const;

export const demoKeys = {
  /** Everything the app needs: query funds, orders, trades and ledger; create and cancel orders. */
  full: {
    name: 'demo',
    key: 'OPTDOAHCm0JGGBsCXWGFksnaqc/lOBfwUOAfdDex2ERECh9Nexzmmqvl',
    secret: 'wSu/UFI9W8oWbTz6YjufjMq4OP7zyOD7ww46uqNSxUuWm7YRARdP84XmgRaWE9Cs7kZGnFj1fwL1bt7ZVDh0HQ==',
    permissions: [...READ_ALL, ...TRADE, 'create-ws-token'],
    tier: 'starter',
    nonceWindow: 0,
  },
  /** Reads orders, trades and the ledger but not funds (Balance/BalanceEx are refused). */
  readOnly: {
    name: 'demo-readonly',
    key: '7PmpoSnAcRjDiqGh8/6jLHSH9ljVPw/AXiGLmb8Y33SHtfmZuedspS+s',
    secret: '5BXHiaoZgdc2u/0thcbH9Wq+0TpLvzs61o8DpAZY6Udj99EjMXJ8ybUF836XZuf3+VsOWHG8mPDcE+Xnfm4OvA==',
    permissions: ['query-open-trades', 'query-closed-trades', 'query-ledger'],
    tier: 'starter',
    nonceWindow: 0,
  },
  /** Full access plus withdraw-funds: a key the app should warn about. */
  withdraw: {
    name: 'demo-withdraw',
    key: '5p4wAOudQOt46rsGfGnfNLI8ffWLQUNerBqUotgidnVBHStOOtC6Zd+V',
    secret: 'BFi/NM4tWC0bMHceo4+eC1HzdqsJOhs+s9Mc2g4r8XzFRcgZQC0DtevVukdkvM4pB25YqRFlTa0sAIhyXjpe/g==',
    permissions: [...READ_ALL, ...TRADE, 'create-ws-token', 'withdraw-funds'],
    tier: 'starter',
    nonceWindow: 0,
  },
} as const satisfies Record<string, ScenarioKey>;

export type DemoKeyRole = keyof typeof demoKeys;

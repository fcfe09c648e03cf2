/**
 * The host the editor runs on: one installed as `window.budgetHost` (Electron preload, or a test)
 * when present, else the browser host. Either way every response is checked against the contract.
 */
import { checkedHost, HOST_GLOBAL, type BudgetHost } from '../../shared/host/contract';
import { createBrowserHost } from './browserHost';

declare global {
  interface Window {
    budgetHost?: BudgetHost;
  }
}

export function getHost(win: Window = window): BudgetHost {
  const installed = (win as unknown as Record<string, BudgetHost | undefined>)[HOST_GLOBAL];
  return checkedHost(installed ?? createBrowserHost(win));
}

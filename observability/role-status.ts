/**
 * What each background role of this process is doing, for /healthz: a role that stops (the
 * built-in simulator after an error, say) must show, not leave "ok" standing while nothing
 * runs. Process-wide, like the prom-client registry: roles report, the health route reads.
 */
export type RoleState = 'running' | 'retrying' | 'stopped' | 'finished';

export interface RoleReport {
  state: RoleState;
  since: string;
  /** Why it is retrying or stopped (the last error's message). */
  reason?: string;
}

export class RoleStatus {
  private readonly roles = new Map<string, RoleReport>();

  set(role: string, state: RoleState, reason?: string): void {
    const current = this.roles.get(role);
    if (current?.state === state && current.reason === reason) return;
    this.roles.set(role, { state, since: new Date().toISOString(), ...(reason !== undefined ? { reason } : {}) });
  }

  forget(role: string): void {
    this.roles.delete(role);
  }

  snapshot(): Record<string, RoleReport> {
    return Object.fromEntries(this.roles);
  }

  /** Roles that stopped against their will: 'finished' (done as asked) is not one. */
  stopped(): string[] {
    return [...this.roles].filter(([, r]) => r.state === 'stopped').map(([name]) => name);
  }
}

export const roleStatus = new RoleStatus();

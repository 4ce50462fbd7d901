import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

/** The KPI job's settings (RADAR_KPI_CRON, RADAR_KPI_SCHEDULER): defaults and validation. */
describe('KPI job settings', () => {
  it('runs every minute in the API process by default', () => {
    const c = loadConfig({});
    expect([c.kpiCron, c.kpiScheduler]).toEqual(['* * * * *', true]);
  });

  it('takes a schedule with seconds and can be switched off', () => {
    const c = loadConfig({ RADAR_KPI_CRON: '*/15 * * * * *', RADAR_KPI_SCHEDULER: 'false' });
    expect([c.kpiCron, c.kpiScheduler]).toEqual(['*/15 * * * * *', false]);
  });

  it('names the variable of an invalid schedule', () => {
    expect(() => loadConfig({ RADAR_KPI_CRON: 'every minute' })).toThrow(ConfigError);
    expect(() => loadConfig({ RADAR_KPI_CRON: 'every minute' })).toThrow(/RADAR_KPI_CRON/);
  });

  it('marks the job degraded after 3 failed runs or 15 minutes of lag by default, and validates both', () => {
    const c = loadConfig({});
    expect([c.kpiHealthMaxFailures, c.kpiHealthMaxLagS]).toEqual([3, 900]);
    expect(loadConfig({ RADAR_KPI_HEALTH_MAX_FAILURES: '1', RADAR_KPI_HEALTH_MAX_LAG_S: '120' })).toMatchObject({ kpiHealthMaxFailures: 1, kpiHealthMaxLagS: 120 });
    expect(() => loadConfig({ RADAR_KPI_HEALTH_MAX_FAILURES: '0' })).toThrow(/RADAR_KPI_HEALTH_MAX_FAILURES/);
    expect(() => loadConfig({ RADAR_KPI_HEALTH_MAX_LAG_S: '30' })).toThrow(/RADAR_KPI_HEALTH_MAX_LAG_S/);
    expect(() => loadConfig({ RADAR_KPI_HEALTH_MAX_LAG_S: 'soon' })).toThrow(/RADAR_KPI_HEALTH_MAX_LAG_S/);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DoctorReport } from '../../src/doctor/types.js';
import type { RunningSimulator } from '../../src/simulator/types.js';
import { closedPort, type LocalServer, startLocalServer } from '../helpers/local-server.js';
import { check, doctorOn, startDoctorHalo, statuses } from './harness.js';

const connectionOnly = (report: DoctorReport) =>
  report.checks.every((c) => c.group === 'connection') && report.exitCode === 1;

describe('doctor: configuration and connection, each naming the variable to fix', () => {
  let sim: RunningSimulator;
  let tenanted: RunningSimulator;
  let portal: LocalServer;
  beforeAll(async () => {
    sim = await startDoctorHalo();
    tenanted = await startDoctorHalo({ tenant: 'acmemsp' });
    portal = await startLocalServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<!doctype html><html><head><title>Welcome</title></head></html>');
    });
  });
  afterAll(async () => {
    await sim.stop();
    await tenanted.stop();
    await portal.stop();
  });

  it('a DNS failure: HALO_INSTANCE_URL, nothing else tried', async () => {
    const report = await doctorOn(sim, { instanceUrl: 'https://halo.doctor-test.invalid' });
    expect(connectionOnly(report)).toBe(true);
    expect(check(report, 'connection.instance')).toMatchObject({ status: 'FAIL' });
    expect(check(report, 'connection.instance').observed).toBe(
      'The host name halo.doctor-test.invalid does not resolve (DNS), so GET /api/authinfo was never sent. Check the spelling of HALO_INSTANCE_URL.',
    );
    expect(report.requests).toEqual({ get: 1, token: 0 });
  });

  it('a refused connection: host and port of HALO_INSTANCE_URL', async () => {
    const port = await closedPort();
    const report = await doctorOn(sim, { instanceUrl: `http://127.0.0.1:${port}` });
    expect(connectionOnly(report)).toBe(true);
    expect(check(report, 'connection.instance').observed).toMatch(
      /refused the connection for GET \/api\/authinfo: nothing answers on that host and port\. Check HALO_INSTANCE_URL/,
    );
  });

  it('a TLS error: https:// against a plain-HTTP port', async () => {
    const report = await doctorOn(sim, { instanceUrl: sim.url.replace('http:', 'https:') });
    expect(connectionOnly(report)).toBe(true);
    expect(check(report, 'connection.instance').observed).toMatch(
      /^The TLS handshake with 127\.0\.0\.1:\d+ failed/,
    );
    expect(sim.log.entries.filter((e) => e.path === '/api/authinfo')).toHaveLength(0);
  });

  it('a timeout: the host of HALO_INSTANCE_URL and HALO_TIMEOUT_MS', async () => {
    sim.faults.hangNext(1, 2_000, { pathPrefix: '/api/authinfo' });
    const report = await doctorOn(sim, { requestTimeoutMs: 200 });
    sim.faults.clear();
    expect(connectionOnly(report)).toBe(true);
    expect(check(report, 'connection.instance').observed).toMatch(
      /^Halo did not answer GET \/api\/authinfo within 200 ms\. Check that HALO_INSTANCE_URL \(127\.0\.0\.1:\d+\) is reachable .* or raise HALO_TIMEOUT_MS\.$/,
    );
  });

  it('an HTML page where JSON was expected: the wrong URL', async () => {
    const report = await doctorOn(sim, { instanceUrl: portal.url });
    expect(connectionOnly(report)).toBe(true);
    expect(check(report, 'connection.instance').observed).toBe(
      'GET /api/authinfo answered an HTML page ("Welcome") (200) where JSON was expected. Check HALO_INSTANCE_URL: it must be the Halo web app address (e.g. https://yourcompany.halopsa.com), without /api.',
    );
  });

  it('a wrong auth URL: DIFFERS from what /api/authinfo names, the token fails, the fix is named', async () => {
    const report = await doctorOn(sim, { authUrl: `${sim.url}/identity` });
    expect(statuses(report)).toEqual({
      'connection.instance': 'OK',
      'connection.auth-url': 'DIFFERS',
      'connection.tenant': 'OK',
      'connection.credentials': 'FAIL',
    });
    expect(check(report, 'connection.auth-url').localHint).toBe(`set HALO_AUTH_URL=${sim.authUrl}`);
    expect(check(report, 'connection.credentials').meaning).toMatch(/^Wrong auth URL: check HALO_AUTH_URL/);
    expect(report.exitCode).toBe(1);
  });

  it('bad credentials: HALO_CLIENT_ID and HALO_CLIENT_SECRET', async () => {
    const report = await doctorOn(sim, { clientSecret: 'not-the-secret' });
    expect(check(report, 'connection.credentials')).toMatchObject({ status: 'FAIL' });
    expect(check(report, 'connection.credentials').meaning).toMatch(
      /^Bad credentials: check HALO_CLIENT_ID and HALO_CLIENT_SECRET/,
    );
    expect(JSON.stringify(report)).not.toContain('not-the-secret');
    expect(report.exitCode).toBe(1);
  });

  it('a missing tenant: HALO_TENANT, with the tenant Halo names as the fix', async () => {
    const report = await doctorOn(tenanted, { tenant: undefined });
    expect(check(report, 'connection.tenant')).toMatchObject({
      status: 'FAIL',
      observed: 'missing tenant: HALO_TENANT is not set, Halo names a tenant_id',
      localHint: 'set HALO_TENANT=acmemsp',
    });
    expect(check(report, 'connection.credentials').meaning).toMatch(/^Missing tenant: set HALO_TENANT/);
  });

  it('a tenant that is set right passes', async () => {
    const report = await doctorOn(tenanted, { tenant: 'acmemsp' });
    expect(check(report, 'connection.tenant').status).toBe('OK');
    expect(check(report, 'connection.credentials').status).toBe('OK');
  });

  it('lists the endpoints that answer 403 (a missing scope) and keeps checking the rest', async () => {
    sim.faults.failNext(1, 403, { pathPrefix: '/api/Report' });
    const report = await doctorOn(sim);
    sim.faults.clear();
    expect(check(report, 'access.scopes')).toMatchObject({
      status: 'DIFFERS',
      observed: 'GET /api/Report (403)',
    });
    expect(check(report, 'envelope.Report')).toMatchObject({ status: 'UNKNOWN' });
    expect(check(report, 'envelope.Site').status).toBe('OK');
    expect(report.exitCode).toBe(1);
  });
});

import type { Station, StationDetail, Transaction, User } from '../api/enhanced';

export function station(id: string, over: Partial<Station> = {}): Station {
  return {
    id,
    registrationStatus: 'Accepted',
    protocol: 'ocpp1.6',
    connected: true,
    gatewayId: 'gw-1',
    remoteAddress: '127.0.0.1',
    lastSeen: new Date().toISOString(),
    connectionChangedAt: new Date().toISOString(),
    boot: { vendor: 'Acme', model: 'Volt 22', serialNumber: `SN-${id}`, firmwareVersion: '1.2.3' },
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    ...over,
  };
}

export function detail(id: string, over: Partial<StationDetail> = {}): StationDetail {
  return {
    ...station(id),
    evses: [
      { evseId: 0, connectors: [] },
      { evseId: 1, connectors: [{ connectorId: 1, status: 'Available', statusAt: new Date().toISOString() }] },
      {
        evseId: 2,
        connectors: [
          { connectorId: 1, status: 'Charging', statusAt: new Date().toISOString() },
          { connectorId: 2, status: 'Faulted', errorCode: 'GroundFailure', statusAt: new Date().toISOString() },
        ],
      },
    ],
    ...over,
  };
}

// A fetch stand-in that answers by "METHOD path" and records the requests it saw.
export function fakeFetch(routes: Record<string, (req: Request) => Response | Promise<Response>>) {
  const seen: Request[] = [];
  const fn = async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = input instanceof Request ? input : new Request(input, init);
    seen.push(req.clone());
    const url = new URL(req.url);
    const handler = routes[`${req.method} ${url.pathname}`];
    if (!handler) return json(404, { type: '/api/problems/not-found', title: 'Not found', status: 404 }, 'application/problem+json');
    return handler(req);
  };
  return { fn, seen };
}

export function json(status: number, body: unknown, type = 'application/json'): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });
}

export const adminSession = {
  token: 'tok-admin',
  username: 'root',
  role: 'admin',
  expiresAt: '2099-01-01T00:00:00Z',
  endedBecause: null,
} as const;

export function user(username: string, over: Partial<User> = {}): User {
  return {
    id: `u-${username}`,
    username,
    email: `${username}@example.org`,
    role: 'operator',
    disabled: false,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    lastLoginAt: null,
    ...over,
  };
}

export function transaction(id: string, over: Partial<Transaction> = {}): Transaction {
  return {
    id,
    stationId: 'CP-1',
    transactionId: `tx-${id}`,
    evseId: 1,
    connectorId: 1,
    idToken: 'AABBCC',
    idTokenType: 'ISO14443',
    status: 'completed',
    startedAt: '2026-11-25T10:00:00Z',
    stoppedAt: '2026-11-25T11:00:00Z',
    meterStartWh: 1000,
    meterStopWh: 8500,
    energyWh: 7500,
    stopReason: 'Local',
    ...over,
  };
}

// The OCPP request behind an operator's intent, per protocol version, for the actions the console offers outside
// the command panel (stop a transaction, start one).
export interface RawCommand {
  action: string;
  payload: Record<string, unknown>;
}

export function stopCommand(protocol: string | null | undefined, transactionId: string): RawCommand | null {
  if (protocol === 'ocpp1.6') {
    const n = Number(transactionId);
    return Number.isInteger(n) ? { action: 'RemoteStopTransaction', payload: { transactionId: n } } : null;
  }
  if (protocol === 'ocpp2.0.1' || protocol === 'ocpp2.1') return { action: 'RequestStopTransaction', payload: { transactionId } };
  return null;
}

export function startCommand(
  protocol: string | null | undefined,
  o: { evseId: number; connectorId?: number; idToken: string; idTokenType?: string; remoteStartId?: number },
): RawCommand | null {
  if (protocol === 'ocpp1.6') return { action: 'RemoteStartTransaction', payload: { connectorId: o.evseId, idTag: o.idToken } };
  if (protocol === 'ocpp2.0.1' || protocol === 'ocpp2.1') {
    return {
      action: 'RequestStartTransaction',
      payload: {
        evseId: o.evseId,
        remoteStartId: o.remoteStartId ?? Math.floor(Date.now() / 1000) % 2_000_000_000,
        idToken: { idToken: o.idToken, type: o.idTokenType ?? 'Central' },
      },
    };
  }
  return null;
}

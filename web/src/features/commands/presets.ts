// Ready-made OCPP commands for the command panel, per protocol version: the action name as the station's version
// spells it and a valid request payload to start from. The operator can edit both before sending.
export interface CommandPreset {
  id: string;
  label: string;
  action: string;
  payload: Record<string, unknown>;
  disruptive?: boolean;
}

const v16: CommandPreset[] = [
  { id: 'trigger-status', label: 'Trigger status', action: 'TriggerMessage', payload: { requestedMessage: 'StatusNotification' } },
  { id: 'trigger-heartbeat', label: 'Trigger heartbeat', action: 'TriggerMessage', payload: { requestedMessage: 'Heartbeat' } },
  { id: 'get-config', label: 'Get configuration', action: 'GetConfiguration', payload: {} },
  { id: 'set-heartbeat', label: 'Set heartbeat interval', action: 'ChangeConfiguration', payload: { key: 'HeartbeatInterval', value: '300' } },
  { id: 'remote-start', label: 'Remote start', action: 'RemoteStartTransaction', payload: { connectorId: 1, idTag: 'CONSOLE' } },
  { id: 'remote-stop', label: 'Remote stop', action: 'RemoteStopTransaction', payload: { transactionId: 1 } },
  { id: 'unlock', label: 'Unlock connector', action: 'UnlockConnector', payload: { connectorId: 1 } },
  { id: 'inoperative', label: 'Set inoperative', action: 'ChangeAvailability', payload: { connectorId: 0, type: 'Inoperative' }, disruptive: true },
  { id: 'operative', label: 'Set operative', action: 'ChangeAvailability', payload: { connectorId: 0, type: 'Operative' } },
  { id: 'clear-cache', label: 'Clear cache', action: 'ClearCache', payload: {} },
  { id: 'reset-soft', label: 'Soft reset', action: 'Reset', payload: { type: 'Soft' }, disruptive: true },
  { id: 'reset-hard', label: 'Hard reset', action: 'Reset', payload: { type: 'Hard' }, disruptive: true },
];

const v2x: CommandPreset[] = [
  { id: 'trigger-status', label: 'Trigger status', action: 'TriggerMessage', payload: { requestedMessage: 'StatusNotification', evse: { id: 1, connectorId: 1 } } },
  { id: 'trigger-heartbeat', label: 'Trigger heartbeat', action: 'TriggerMessage', payload: { requestedMessage: 'Heartbeat' } },
  {
    id: 'get-variables',
    label: 'Get heartbeat interval',
    action: 'GetVariables',
    payload: { getVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } }] },
  },
  {
    id: 'set-variables',
    label: 'Set heartbeat interval',
    action: 'SetVariables',
    payload: { setVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' }, attributeValue: '300' }] },
  },
  { id: 'remote-start', label: 'Remote start', action: 'RequestStartTransaction', payload: { evseId: 1, remoteStartId: 1, idToken: { idToken: 'CONSOLE', type: 'Central' } } },
  { id: 'remote-stop', label: 'Remote stop', action: 'RequestStopTransaction', payload: { transactionId: '' } },
  { id: 'unlock', label: 'Unlock connector', action: 'UnlockConnector', payload: { evseId: 1, connectorId: 1 } },
  { id: 'inoperative', label: 'Set inoperative', action: 'ChangeAvailability', payload: { operationalStatus: 'Inoperative' }, disruptive: true },
  { id: 'operative', label: 'Set operative', action: 'ChangeAvailability', payload: { operationalStatus: 'Operative' } },
  { id: 'clear-cache', label: 'Clear cache', action: 'ClearCache', payload: {} },
  { id: 'reset-idle', label: 'Reset when idle', action: 'Reset', payload: { type: 'OnIdle' }, disruptive: true },
  { id: 'reset-now', label: 'Reset now', action: 'Reset', payload: { type: 'Immediate' }, disruptive: true },
];

export function presetsFor(protocol: string | null | undefined): CommandPreset[] {
  if (protocol === 'ocpp1.6') return v16;
  if (protocol === 'ocpp2.0.1' || protocol === 'ocpp2.1') return v2x;
  return [];
}

export type PayloadParse = { ok: true; value: Record<string, unknown> } | { ok: false; error: string };

// The payload must be a JSON object (the server checks it against the action's schema).
export function parsePayload(text: string): PayloadParse {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : 'not JSON' };
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return { ok: false, error: 'the payload must be a JSON object' };
  return { ok: true, value: v as Record<string, unknown> };
}

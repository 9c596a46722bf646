// The console's command controls: one per version-neutral command of the REST contract (start and stop charging,
// reset, unlock, availability, configuration, trigger, cache, data transfer, ...), each a small form whose values
// become the OCPP request of the station's version. The command panel (CommandPanel) stays for anything else.
import { startCommand, stopCommand, type RawCommand } from './neutral';

export type Protocol = 'ocpp1.6' | 'ocpp2.0.1' | 'ocpp2.1';
export type Values = Record<string, string | boolean>;

export interface FieldSpec {
  name: string;
  label: string;
  kind: 'text' | 'number' | 'select' | 'bool';
  options?: string[];
  initial: string | boolean;
  hint?: string;
  optional?: boolean;
}

export interface CommandSpec {
  name: string; // the contract's kebab-case command
  label: string;
  fields: FieldSpec[];
  disruptive?: boolean;
  toRaw: (protocol: Protocol, v: Values) => RawCommand | string; // a string: why the values do not make a request
}

const str = (v: Values, k: string) => String(v[k] ?? '').trim();
const int = (v: Values, k: string): number | null => {
  const s = str(v, k);
  if (s === '') return null;
  const n = Number(s);
  return Number.isInteger(n) ? n : Number.NaN;
};
const v16 = (p: Protocol) => p === 'ocpp1.6';
const requestId = () => Math.floor(Date.now() / 1000) % 2_000_000_000;

// "OCPPCommCtrlr.HeartbeatInterval" -> the 2.0.1 component and variable (no instances).
export function componentVariable(key: string): { component: { name: string }; variable: { name: string } } | null {
  const dot = key.indexOf('.');
  if (dot <= 0 || dot === key.length - 1) return null;
  return { component: { name: key.slice(0, dot) }, variable: { name: key.slice(dot + 1) } };
}

const evseField: FieldSpec = { name: 'evseId', label: 'EVSE', kind: 'number', initial: '1', hint: '1.6: the connector' };

export const catalog: CommandSpec[] = [
  {
    name: 'start-charging',
    label: 'Start charging',
    fields: [evseField, { name: 'idToken', label: 'Id token', kind: 'text', initial: 'CONSOLE' }],
    toRaw: (p, v) => {
      const evseId = int(v, 'evseId');
      if (evseId === null || Number.isNaN(evseId) || evseId < 1) return 'EVSE must be a number from 1';
      if (!str(v, 'idToken')) return 'an id token is needed';
      return startCommand(p, { evseId, idToken: str(v, 'idToken') }) ?? 'unknown protocol';
    },
  },
  {
    name: 'stop-charging',
    label: 'Stop charging',
    fields: [{ name: 'transactionId', label: 'Transaction id', kind: 'text', initial: '', hint: "the station's id" }],
    toRaw: (p, v) => stopCommand(p, str(v, 'transactionId')) ?? 'the transaction id is missing or not a 1.6 integer',
  },
  {
    name: 'reset',
    label: 'Reset',
    disruptive: true,
    fields: [{ name: 'type', label: 'When', kind: 'select', options: ['OnIdle', 'Immediate'], initial: 'OnIdle' }],
    toRaw: (p, v) => ({ action: 'Reset', payload: { type: v16(p) ? (v.type === 'Immediate' ? 'Hard' : 'Soft') : str(v, 'type') } }),
  },
  {
    name: 'unlock-connector',
    label: 'Unlock connector',
    fields: [evseField, { name: 'connectorId', label: 'Connector', kind: 'number', initial: '1', hint: '2.0.1 only' }],
    toRaw: (p, v) => {
      const evseId = int(v, 'evseId');
      const connectorId = int(v, 'connectorId') ?? 1;
      if (evseId === null || Number.isNaN(evseId) || evseId < 1 || Number.isNaN(connectorId)) return 'EVSE and connector must be numbers from 1';
      return v16(p) ? { action: 'UnlockConnector', payload: { connectorId: evseId } } : { action: 'UnlockConnector', payload: { evseId, connectorId } };
    },
  },
  {
    name: 'change-availability',
    label: 'Availability',
    disruptive: true,
    fields: [
      { ...evseField, initial: '', optional: true, hint: 'empty: the whole station' },
      { name: 'operational', label: 'Operational', kind: 'bool', initial: true },
    ],
    toRaw: (p, v) => {
      const evseId = int(v, 'evseId');
      if (Number.isNaN(evseId)) return 'EVSE must be a number';
      const on = v.operational === true;
      if (v16(p)) return { action: 'ChangeAvailability', payload: { connectorId: evseId ?? 0, type: on ? 'Operative' : 'Inoperative' } };
      return {
        action: 'ChangeAvailability',
        payload: { operationalStatus: on ? 'Operative' : 'Inoperative', ...(evseId ? { evse: { id: evseId } } : {}) },
      };
    },
  },
  {
    name: 'get-configuration',
    label: 'Get configuration',
    fields: [{ name: 'keys', label: 'Keys', kind: 'text', initial: '', optional: true, hint: '1.6: key names; 2.0.1: Component.Variable; empty: all' }],
    toRaw: (p, v) => {
      const keys = str(v, 'keys').split(/[\s,]+/).filter(Boolean);
      if (v16(p)) return { action: 'GetConfiguration', payload: keys.length ? { key: keys } : {} };
      if (keys.length === 0) return { action: 'GetBaseReport', payload: { requestId: requestId(), reportBase: 'ConfigurationInventory' } };
      const data = keys.map(componentVariable);
      if (data.some((d) => d === null)) return 'name each key as Component.Variable';
      return { action: 'GetVariables', payload: { getVariableData: data } };
    },
  },
  {
    name: 'set-configuration',
    label: 'Set configuration',
    fields: [
      { name: 'key', label: 'Key', kind: 'text', initial: '', hint: '1.6: key name; 2.0.1: Component.Variable' },
      { name: 'value', label: 'Value', kind: 'text', initial: '' },
    ],
    toRaw: (p, v) => {
      if (!str(v, 'key')) return 'a key is needed';
      if (v16(p)) return { action: 'ChangeConfiguration', payload: { key: str(v, 'key'), value: String(v.value ?? '') } };
      const cv = componentVariable(str(v, 'key'));
      if (!cv) return 'name the key as Component.Variable';
      return { action: 'SetVariables', payload: { setVariableData: [{ ...cv, attributeValue: String(v.value ?? '') }] } };
    },
  },
  {
    name: 'trigger-message',
    label: 'Trigger message',
    fields: [
      { name: 'message', label: 'Message', kind: 'select', options: ['StatusNotification', 'Heartbeat', 'BootNotification', 'MeterValues', 'FirmwareStatusNotification'], initial: 'StatusNotification' },
      { ...evseField, initial: '', optional: true, hint: 'empty: the whole station' },
    ],
    toRaw: (p, v) => {
      const evseId = int(v, 'evseId');
      if (Number.isNaN(evseId)) return 'EVSE must be a number';
      const requestedMessage = str(v, 'message');
      if (v16(p)) return { action: 'TriggerMessage', payload: { requestedMessage, ...(evseId ? { connectorId: evseId } : {}) } };
      return { action: 'TriggerMessage', payload: { requestedMessage, ...(evseId ? { evse: { id: evseId } } : {}) } };
    },
  },
  { name: 'clear-cache', label: 'Clear cache', fields: [], toRaw: () => ({ action: 'ClearCache', payload: {} }) },
  {
    name: 'data-transfer',
    label: 'Data transfer',
    fields: [
      { name: 'vendorId', label: 'Vendor id', kind: 'text', initial: '' },
      { name: 'messageId', label: 'Message id', kind: 'text', initial: '', optional: true },
      { name: 'data', label: 'Data', kind: 'text', initial: '', optional: true },
    ],
    toRaw: (_p, v) => {
      if (!str(v, 'vendorId')) return 'a vendor id is needed';
      return {
        action: 'DataTransfer',
        payload: { vendorId: str(v, 'vendorId'), ...(str(v, 'messageId') ? { messageId: str(v, 'messageId') } : {}), ...(str(v, 'data') ? { data: str(v, 'data') } : {}) },
      };
    },
  },
  { name: 'get-local-list-version', label: 'Local list version', fields: [], toRaw: () => ({ action: 'GetLocalListVersion', payload: {} }) },
  {
    name: 'cancel-reservation',
    label: 'Cancel reservation',
    fields: [{ name: 'reservationId', label: 'Reservation id', kind: 'number', initial: '' }],
    toRaw: (_p, v) => {
      const id = int(v, 'reservationId');
      return id === null || Number.isNaN(id) ? 'the reservation id must be a number' : { action: 'CancelReservation', payload: { reservationId: id } };
    },
  },
  {
    name: 'get-composite-schedule',
    label: 'Composite schedule',
    fields: [{ ...evseField, initial: '0', hint: '0: the whole station' }, { name: 'duration', label: 'Duration (s)', kind: 'number', initial: '3600' }],
    toRaw: (p, v) => {
      const evseId = int(v, 'evseId') ?? 0;
      const duration = int(v, 'duration');
      if (Number.isNaN(evseId) || duration === null || Number.isNaN(duration) || duration < 1) return 'EVSE and duration must be numbers';
      return { action: 'GetCompositeSchedule', payload: v16(p) ? { connectorId: evseId, duration } : { evseId, duration } };
    },
  },
  { name: 'clear-charging-profile', label: 'Clear charging profiles', fields: [], toRaw: () => ({ action: 'ClearChargingProfile', payload: {} }) },
  {
    name: 'upload-diagnostics',
    label: 'Upload diagnostics',
    fields: [{ name: 'location', label: 'Upload to (URL)', kind: 'text', initial: '' }],
    toRaw: (p, v) => {
      if (!str(v, 'location')) return 'a location is needed';
      if (v16(p)) return { action: 'GetDiagnostics', payload: { location: str(v, 'location') } };
      return { action: 'GetLog', payload: { logType: 'DiagnosticsLog', requestId: requestId(), log: { remoteLocation: str(v, 'location') } } };
    },
  },
  {
    name: 'update-firmware',
    label: 'Update firmware',
    disruptive: true,
    fields: [{ name: 'location', label: 'Firmware URL', kind: 'text', initial: '' }],
    toRaw: (p, v) => {
      if (!str(v, 'location')) return 'a location is needed';
      const at = new Date().toISOString();
      if (v16(p)) return { action: 'UpdateFirmware', payload: { location: str(v, 'location'), retrieveDate: at } };
      return { action: 'UpdateFirmware', payload: { requestId: requestId(), firmware: { location: str(v, 'location'), retrieveDateTime: at } } };
    },
  },
];

export function initialValues(spec: CommandSpec): Values {
  return Object.fromEntries(spec.fields.map((f) => [f.name, f.initial]));
}

export function asProtocol(p: string | null | undefined): Protocol | null {
  return p === 'ocpp1.6' || p === 'ocpp2.0.1' || p === 'ocpp2.1' ? p : null;
}

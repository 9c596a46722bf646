import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { detail, fakeFetch, json } from '../../test/fixtures';
import { renderWithStore, signedIn } from '../../test/render';
import { catalog, componentVariable, initialValues, type CommandSpec, type Protocol, type Values } from './catalog';
import { CommandControls } from './CommandControls';
import { StationConfiguration, configurationKeys, variableRows } from '../stations/StationConfiguration';

afterEach(() => vi.unstubAllGlobals());

const spec = (name: string): CommandSpec => catalog.find((c) => c.name === name)!;
const raw = (name: string, p: Protocol, over: Values = {}) => spec(name).toRaw(p, { ...initialValues(spec(name)), ...over });

describe('command catalog', () => {
  it('has a control for each version-neutral command of the contract the console offers', () => {
    expect(catalog.map((c) => c.name)).toEqual(
      expect.arrayContaining(['start-charging', 'stop-charging', 'reset', 'unlock-connector', 'change-availability', 'get-configuration', 'set-configuration', 'trigger-message', 'clear-cache', 'data-transfer']),
    );
  });

  it('makes the request of each OCPP version', () => {
    expect(raw('reset', 'ocpp1.6', { type: 'Immediate' })).toEqual({ action: 'Reset', payload: { type: 'Hard' } });
    expect(raw('reset', 'ocpp2.0.1', { type: 'OnIdle' })).toEqual({ action: 'Reset', payload: { type: 'OnIdle' } });
    expect(raw('unlock-connector', 'ocpp1.6', { evseId: '2' })).toEqual({ action: 'UnlockConnector', payload: { connectorId: 2 } });
    expect(raw('unlock-connector', 'ocpp2.0.1', { evseId: '2', connectorId: '1' })).toEqual({ action: 'UnlockConnector', payload: { evseId: 2, connectorId: 1 } });
    expect(raw('change-availability', 'ocpp1.6', { operational: false })).toEqual({ action: 'ChangeAvailability', payload: { connectorId: 0, type: 'Inoperative' } });
    expect(raw('change-availability', 'ocpp2.0.1', { evseId: '1', operational: true })).toEqual({
      action: 'ChangeAvailability',
      payload: { operationalStatus: 'Operative', evse: { id: 1 } },
    });
    expect(raw('get-configuration', 'ocpp1.6', { keys: 'HeartbeatInterval, MeterValueSampleInterval' })).toEqual({
      action: 'GetConfiguration',
      payload: { key: ['HeartbeatInterval', 'MeterValueSampleInterval'] },
    });
    expect(raw('get-configuration', 'ocpp2.0.1', { keys: 'OCPPCommCtrlr.HeartbeatInterval' })).toEqual({
      action: 'GetVariables',
      payload: { getVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } }] },
    });
    expect(raw('get-configuration', 'ocpp2.0.1', { keys: 'nodot' })).toBe('name each key as Component.Variable');
    expect(raw('set-configuration', 'ocpp1.6', { key: 'HeartbeatInterval', value: '60' })).toEqual({
      action: 'ChangeConfiguration',
      payload: { key: 'HeartbeatInterval', value: '60' },
    });
    expect(raw('trigger-message', 'ocpp2.0.1', { message: 'MeterValues', evseId: '1' })).toEqual({
      action: 'TriggerMessage',
      payload: { requestedMessage: 'MeterValues', evse: { id: 1 } },
    });
    expect(raw('data-transfer', 'ocpp1.6', { vendorId: 'acme', data: 'x' })).toEqual({ action: 'DataTransfer', payload: { vendorId: 'acme', data: 'x' } });
    expect(raw('start-charging', 'ocpp1.6', { evseId: '0' })).toBe('EVSE must be a number from 1');
    expect(raw('cancel-reservation', 'ocpp1.6', { reservationId: 'x' })).toBe('the reservation id must be a number');
    expect(componentVariable('A.B.C')).toEqual({ component: { name: 'A' }, variable: { name: 'B.C' } });
  });
});

describe('command controls', () => {
  it('starts a charge with the version request and shows the answer; refuses incomplete values', async () => {
    const { fn, seen } = fakeFetch({
      'POST /api/v1/stations/CP-7/commands/RequestStartTransaction': () => json(200, { outcome: 'result', messageId: 'm', status: 'Accepted', result: { status: 'Accepted' } }),
    });
    vi.stubGlobal('fetch', vi.fn(fn));
    renderWithStore(<CommandControls station={detail('CP-7', { protocol: 'ocpp2.0.1' })} />, { auth: signedIn });
    await userEvent.clear(screen.getByLabelText(/Id token/));
    expect(screen.getByText('an id token is needed')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Start charging' })).toBeDisabled();
    await userEvent.type(screen.getByLabelText(/Id token/), 'TAG-1');
    await userEvent.click(screen.getByRole('button', { name: 'Start charging' }));
    expect(await screen.findByTestId('command-answer')).toHaveTextContent('Accepted');
    const body = (await seen[0]!.json()) as { evseId: number; idToken: unknown };
    expect(body.evseId).toBe(1);
    expect(body.idToken).toEqual({ idToken: 'TAG-1', type: 'Central' });
  });

  it('asks before a disruptive command', async () => {
    const { fn, seen } = fakeFetch({ 'POST /api/v1/stations/CP-7/commands/Reset': () => json(200, { outcome: 'result', messageId: 'm', status: 'Accepted', result: {} }) });
    vi.stubGlobal('fetch', vi.fn(fn));
    const confirm = vi.fn(() => false);
    vi.stubGlobal('confirm', confirm);
    renderWithStore(<CommandControls station={detail('CP-7')} initial="reset" />, { auth: signedIn });
    await userEvent.click(screen.getByRole('button', { name: 'Reset' }));
    expect(confirm).toHaveBeenCalled();
    expect(seen).toHaveLength(0);
  });
});

describe('configuration', () => {
  it('reads rows from a 1.6 answer and 2.0.1 variables', () => {
    expect(configurationKeys({ configurationKey: [{ key: 'A', value: '1', readonly: true }, { nope: 1 }, { key: 'B' }] })).toEqual([
      { key: 'A', value: '1', readonly: true },
      { key: 'B', value: null, readonly: false },
    ]);
    expect(configurationKeys(null)).toEqual([]);
    const v = { component: 'OCPPCommCtrlr', componentInstance: null, evseId: null, connectorId: null, variable: 'HeartbeatInterval', variableInstance: null, attributeType: 'Actual', value: '300', readonly: false, updatedAt: 'T' };
    expect(variableRows([v, { ...v, attributeType: 'Target' }])).toEqual([
      { key: 'OCPPCommCtrlr · HeartbeatInterval', component: 'OCPPCommCtrlr', variable: 'HeartbeatInterval', value: '300', readonly: false, updatedAt: 'T' },
    ]);
  });

  it('reads 1.6 keys from the station and changes one', async () => {
    const { fn, seen } = fakeFetch({
      'POST /api/v1/stations/CP-1/commands/GetConfiguration': () =>
        json(200, { outcome: 'result', messageId: 'm', result: { configurationKey: [{ key: 'HeartbeatInterval', value: '300', readonly: false }, { key: 'NumberOfConnectors', value: '2', readonly: true }] } }),
      'POST /api/v1/stations/CP-1/commands/ChangeConfiguration': () => json(200, { outcome: 'result', messageId: 'm2', status: 'Accepted', result: { status: 'Accepted' } }),
    });
    vi.stubGlobal('fetch', vi.fn(fn));
    renderWithStore(<StationConfiguration station={detail('CP-1')} />, { auth: signedIn });
    await userEvent.click(screen.getByRole('button', { name: 'Read from the station' }));
    expect(await screen.findAllByTestId('config-row')).toHaveLength(2);
    expect(screen.getByText('read-only')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Edit HeartbeatInterval' }));
    await userEvent.clear(screen.getByLabelText('Value of HeartbeatInterval'));
    await userEvent.type(screen.getByLabelText('Value of HeartbeatInterval'), '60');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(seen.filter((r) => r.url.endsWith('ChangeConfiguration'))).toHaveLength(1));
    expect(await seen.find((r) => r.url.endsWith('ChangeConfiguration'))!.json()).toEqual({ key: 'HeartbeatInterval', value: '60' });
  });

  it('lists 2.0.1 variables with an empty state', async () => {
    const { fn } = fakeFetch({ 'GET /api/v1/stations/CP-2/variables': () => json(200, { items: [], nextCursor: null }) });
    vi.stubGlobal('fetch', vi.fn(fn));
    renderWithStore(<StationConfiguration station={detail('CP-2', { protocol: 'ocpp2.0.1' })} />, { auth: signedIn });
    expect(await screen.findByText('No variables reported yet')).toBeInTheDocument();
  });
});

// POST /api/v1/stations/{stationId}/commands/{action} (operation sendCommand), written by hand from the contract of
// the station-commands change (branch gw), which is not yet in this branch's api/openapi.yaml. Once the operation
// is in the contract, `npm run codegen` generates the same endpoint, types and hook: delete this file then and
// import them from the generated client.
import { recargaApi } from '../generated/recargaApi';

export type CommandAnswer = {
  outcome: 'result' | 'error';
  /** OCPP message id of the CALL */
  messageId: string;
  /** The `status` member of the result payload, when it has one (e.g. Accepted) */
  status?: string;
  /** The CALLRESULT payload (outcome result) */
  result?: object;
  /** The CALLERROR (outcome error). */
  error?: { code?: string; description?: string; details?: object };
};
export type SendCommandApiResponse = CommandAnswer;
export type SendCommandApiArg = {
  stationId: string;
  /** The OCPP action, spelled as in the station's version (e.g. Reset, GetVariables). */
  action: string;
  /** How long the station may take to answer. */
  timeoutMs?: number;
  body: object;
};

export const commandsApi = recargaApi.injectEndpoints({
  endpoints: (build) => ({
    sendCommand: build.mutation<SendCommandApiResponse, SendCommandApiArg>({
      query: (queryArg) => ({
        url: `/api/v1/stations/${queryArg.stationId}/commands/${queryArg.action}`,
        method: 'POST',
        body: queryArg.body,
        params: { timeoutMs: queryArg.timeoutMs },
      }),
    }),
  }),
});

export const { useSendCommandMutation } = commandsApi;

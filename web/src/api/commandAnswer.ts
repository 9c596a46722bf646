// The console sends commands synchronously (no async=true, no deliver=queue), so what comes back is the station's
// answer (200 CommandAnswer), never the 202 command record the same operation gives to those options.
import type { CommandAnswer, SendCommandApiResponse } from './generated/recargaApi';

export const answerOf = (r: SendCommandApiResponse | undefined): CommandAnswer | undefined =>
  r && 'outcome' in r ? r : undefined;

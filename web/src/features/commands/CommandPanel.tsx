// Placeholder until the station commands endpoint is in the API contract.
import type { StationDetail } from '../../api/enhanced';

export function CommandPanel(_props: { station: StationDetail }) {
  return null;
}

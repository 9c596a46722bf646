import { Route, Routes } from 'react-router-dom';
import { Layout } from './components/Layout';
import { LoginPage } from './features/auth/LoginPage';
import { NetworkOverview } from './features/stations/NetworkOverview';
import { StationDetailPage } from './features/stations/StationDetail';
import { EmptyState } from './components/ui';
import { UsersPage } from './features/admin/UsersPage';
import { ApiKeysPage } from './features/admin/ApiKeysPage';
import { AuditPage } from './features/audit/AuditPage';
import { TransactionsPage } from './features/transactions/TransactionsPage';
import { TransactionDetailPage } from './features/transactions/TransactionDetail';
import { IdTokensPage } from './features/idtokens/IdTokensPage';
import { TariffsPage } from './features/billing/TariffsPage';
import { WalletsPage } from './features/billing/WalletsPage';
import { SitesPage } from './features/sites/SitesPage';
import { SiteDetailPage } from './features/sites/SiteDetail';

export function App() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route element={<Layout />}>
        <Route index element={<NetworkOverview />} />
        <Route path="/stations/:stationId" element={<StationDetailPage />} />
        <Route path="/transactions" element={<TransactionsPage />} />
        <Route path="/transactions/:id" element={<TransactionDetailPage />} />
        <Route path="/id-tokens" element={<IdTokensPage />} />
        <Route path="/sites" element={<SitesPage />} />
        <Route path="/sites/:siteId" element={<SiteDetailPage />} />
        <Route path="/tariffs" element={<TariffsPage />} />
        <Route path="/wallets" element={<WalletsPage />} />
        <Route path="/users" element={<UsersPage />} />
        <Route path="/api-keys" element={<ApiKeysPage />} />
        <Route path="/audit" element={<AuditPage />} />
        <Route path="*" element={<EmptyState title="Page not found" />} />
      </Route>
    </Routes>
  );
}

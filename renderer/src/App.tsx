import { PAGES, navigate, useNavigation } from './stores/navigation';
import { SearchPage } from './pages/SearchPage';
import { CompaniesPage } from './pages/CompaniesPage';
import { ListsPage } from './pages/ListsPage';
import { EnrichCsvPage } from './pages/EnrichCsvPage';
import { SettingsPage } from './pages/SettingsPage';
import { PersonPage } from './pages/PersonPage';
import { CompanyPage } from './pages/CompanyPage';
import { ProviderStatusBanner } from './components/ProviderStatusBanner';
import { FileDropTarget } from './components/FileDropTarget';

export function App() {
  const route = useNavigation((s) => s.route);
  const activeTab = route.page === 'person' ? 'search' : route.page === 'company' ? 'companies' : route.page;
  return (
    <div className="app">
      <FileDropTarget />
      <nav className="sidebar" aria-label="Main">
        <div className="brand">Prospect Desk</div>
        <ul>
          {PAGES.map((p) => (
            <li key={p.id}>
              <a
                href={`#/${p.id}`}
                aria-current={activeTab === p.id ? 'page' : undefined}
                onClick={(e) => {
                  e.preventDefault();
                  navigate({ page: p.id });
                }}
              >
                {p.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main className="content">
        <ProviderStatusBanner />
        {route.page === 'search' && <SearchPage />}
        {route.page === 'companies' && <CompaniesPage />}
        {route.page === 'lists' && <ListsPage listId={route.id} />}
        {route.page === 'enrich' && <EnrichCsvPage />}
        {route.page === 'settings' && <SettingsPage />}
        {route.page === 'person' && route.id && <PersonPage personId={route.id} />}
        {route.page === 'company' && route.id && <CompanyPage organizationId={route.id} />}
      </main>
    </div>
  );
}

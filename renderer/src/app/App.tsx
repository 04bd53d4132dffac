import { PAGES, navigate, useNavigation } from './navigation';
import { SearchPage } from '../features/search/SearchPage';
import { CompaniesPage } from '../features/companies/CompaniesPage';
import { ListsPage } from '../features/lists/ListsPage';
import { EnrichCsvPage } from '../features/enrich/EnrichCsvPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { PersonPage } from '../features/people/PersonPage';
import { CompanyPage } from '../features/companies/CompanyPage';
import { ProviderStatusBanner } from '../components/ProviderStatusBanner';
import { FileDropTarget } from '../components/FileDropTarget';

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

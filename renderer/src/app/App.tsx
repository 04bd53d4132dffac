import { AppShell, Group, NavLink, Text } from '@mantine/core';
import { PAGES, navigate, useNavigation } from './navigation';
import { SearchPage } from '../features/search/SearchPage';
import { CompaniesPage } from '../features/companies/CompaniesPage';
import { ListsPage } from '../features/lists/ListsPage';
import { EnrichCsvPage } from '../features/enrich/EnrichCsvPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { UsagePage } from '../features/usage/UsagePage';
import { PersonPage } from '../features/people/PersonPage';
import { CompanyPage } from '../features/companies/CompanyPage';
import { ProviderStatusBanner } from '../components/ProviderStatusBanner';
import { FileDropTarget } from '../components/FileDropTarget';
import { CommandPalette } from './CommandPalette';
import { FirstRunGuide } from '../components/FirstRunGuide';

export function App() {
  const route = useNavigation((s) => s.route);
  const activeTab = route.page === 'person' ? 'search' : route.page === 'company' ? 'companies' : route.page;
  return (
    // The window's minimum width (960px) always leaves room for the navbar, so it never collapses.
    <AppShell navbar={{ width: 200, breakpoint: 0 }} padding="lg">
      <FileDropTarget />
      <CommandPalette />
      <AppShell.Navbar aria-label="Main" p="xs">
        <Group gap="xs" px="xs" py="sm" wrap="nowrap">
          <img src="/icon.svg" alt="" width={24} height={24} />
          <Text fw={700}>Prospect Desk</Text>
        </Group>
        {PAGES.map((p) => (
          <NavLink
            key={p.id}
            component="a"
            href={`#/${p.id}`}
            label={p.label}
            styles={{ label: { fontSize: 'var(--mantine-font-size-md)' } }}
            active={activeTab === p.id}
            aria-current={activeTab === p.id ? 'page' : undefined}
            onClick={(e) => {
              e.preventDefault();
              navigate({ page: p.id });
            }}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main className="content">
        <ProviderStatusBanner />
        <FirstRunGuide />
        {route.page === 'search' && <SearchPage />}
        {route.page === 'companies' && <CompaniesPage />}
        {route.page === 'lists' && <ListsPage listId={route.id} />}
        {route.page === 'enrich' && <EnrichCsvPage />}
        {route.page === 'usage' && <UsagePage />}
        {route.page === 'settings' && <SettingsPage />}
        {route.page === 'person' && route.id && <PersonPage personId={route.id} />}
        {route.page === 'company' && route.id && <CompanyPage organizationId={route.id} />}
      </AppShell.Main>
    </AppShell>
  );
}

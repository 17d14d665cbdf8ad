import type { QuoteRequestDraft } from '../../backend/quotes/index.js';
import { openQuoteBackend, type QuoteBackend, type QuoteBackendOptions } from '../../backend/quotes/index.js';
import { openPgQuoteBackend } from '../../backend/quotes/pgBackend.js';
import { usePostgres } from '../support/postgres.js';
import { useTempDir } from './tempDir.js';

/** A realistic cloud renewal, as the dialog would hand it over. */
export function cloudRenewalDraft(overrides: Partial<QuoteRequestDraft> = {}): QuoteRequestDraft {
  return {
    kind: 'cloud-renewal',
    locale: 'fr',
    channel: 'msteams',
    resellerName: 'Paul Girard',
    resellerEmail: 'p.girard@numeriq-services.fr',
    authorizedContactName: 'Julie Roux',
    authorizedContactEmail: 'julie.roux@atelier-roux.fr',
    siteUrl: 'https://atelier-roux.atlassian.net',
    items: [{ product: 'Confluence', edition: 'Standard', tier: 100 }],
    conversationRef: { conversation: { id: 'conv-1' }, serviceUrl: 'http://127.0.0.1:1/' },
    userId: 'user-1',
    conversationId: 'conv-1',
    ...overrides,
  };
}

export function dcRenewalDraft(overrides: Partial<QuoteRequestDraft> = {}): QuoteRequestDraft {
  return {
    kind: 'dc-renewal',
    locale: 'zh',
    channel: 'webchat',
    sen: 'SEN-L2468013',
    technicalContactName: '刘洋',
    technicalContactEmail: 'liu.yang@minghua-tech.cn',
    endUserName: '刘洋',
    endUserEmail: 'liu.yang@minghua-tech.cn',
    resellerCompany: '新锐合作伙伴',
    conversationRef: { conversation: { id: 'conv-2' } },
    userId: 'user-2',
    conversationId: 'conv-2',
    ...overrides,
  };
}

/** Fast settings for tests: no fsync, millisecond backoff, workers driven by the test. */
export function openTestBackend(dataDir: string, options: Partial<QuoteBackendOptions> = {}) {
  return openQuoteBackend({ dataDir, fsync: false, autoStart: false, backoff: { baseMs: 5, maxMs: 20 }, ...options });
}

/**
 * The quote backend on each kind of storage, for the tests every kind must pass: `open` opens
 * a backend on this test's storage (again: a restart, or a second instance on the same data).
 */
export interface QuoteStorage {
  readonly kind: 'embedded' | 'postgres';
  open(options?: Partial<QuoteBackendOptions>): Promise<QuoteBackend>;
}

export function useQuoteStorage(kind: QuoteStorage['kind']): QuoteStorage {
  if (kind === 'embedded') {
    const tmp = useTempDir();
    return { kind, open: (options) => openTestBackend(tmp.path, options) };
  }
  const pg = usePostgres();
  return {
    kind,
    open: (options = {}) => {
      const { dataDir: _dir, fsync: _fsync, ...rest } = options;
      return openPgQuoteBackend({ db: pg.db, autoStart: false, backoff: { baseMs: 5, maxMs: 20 }, ...rest });
    },
  };
}

import { useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import {
  emptySearchState,
  formatSearchState,
  isActiveSearch,
  isSearchShortcut,
  openRequestAttribute,
  searchEntries,
  type SearchState,
  toggleFilter,
} from '../../search/client/index.ts';
import { withBase } from '../../vocabulary/portal-paths.ts';
import { FilterChips, HitSummary, resultCountText, SearchMessage, SectionSummary } from './SearchParts.tsx';
import { useResultsMark, useSearch } from './use-search.ts';
import './search.css';

const dialogFilters = ['kind', 'owner', 'lifecycle', 'tag'] as const;
const resultLimit = 10;

/**
 * The search button in the header and the dialog it opens (⌘K / Ctrl+K, `/`). Hydrated by the
 * `client:search` directive only when the reader first asks for search; from then on it handles
 * the shortcuts itself.
 */
export default function SearchDialog({ base }: { base: string }) {
  const id = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const openerRef = useRef<Element | null>(null);
  const [mounted, setMounted] = useState(false);
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState<SearchState>(emptySearchState);
  const [active, setActive] = useState(0);
  const view = useSearch(base, search, resultLimit, open);
  useResultsMark(view);
  const entries = useMemo(() => searchEntries(view.outcome?.hits ?? []), [view.outcome]);
  const showResults = entries.length > 0 && isActiveSearch(search);
  const listboxId = `${id}-results`;
  const optionId = (index: number) => `${id}-option-${index}`;

  const show = useCallback((opener: Element | null) => {
    openerRef.current = opener;
    setMounted(true);
    setOpen(true);
  }, []);

  // Opened by the directive's request (the click or shortcut that hydrated the island), then by our own shortcuts.
  useEffect(() => {
    const island = buttonRef.current?.closest('astro-island');
    const request = island?.getAttribute(openRequestAttribute);
    if (request) {
      island!.removeAttribute(openRequestAttribute);
      show(request === 'button' ? buttonRef.current : document.activeElement);
    }
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isSearchShortcut(event)) return;
      event.preventDefault();
      if (dialogRef.current?.open) inputRef.current?.select();
      else show(document.activeElement);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [show]);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!open || !dialog || dialog.open) return;
    dialog.showModal();
    inputRef.current?.focus();
    inputRef.current?.select();
  }, [open, mounted]);

  useEffect(() => setActive(0), [view.outcome]);
  useEffect(() => {
    if (showResults) document.getElementById(optionId(active))?.scrollIntoView({ block: 'nearest' });
  }, [active, showResults]); // eslint-disable-line react-hooks/exhaustive-deps

  const close = () => dialogRef.current?.close();
  // The dialog's close event is the one place state follows: Esc, the close button, a backdrop click, opening a result.
  const onClose = () => {
    setOpen(false);
    const opener = openerRef.current;
    if (opener instanceof HTMLElement && opener.isConnected && opener !== document.body) opener.focus();
  };

  const go = (url: string, newTab: boolean) => {
    if (newTab) {
      window.open(url, '_blank', 'noopener');
      return;
    }
    close();
    window.location.assign(url);
  };

  const onInputKeyDown = (event: ReactKeyboardEvent<HTMLInputElement>) => {
    if (!showResults) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current) => (current + step + entries.length) % entries.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const entry = entries[Math.min(active, entries.length - 1)];
      if (entry) go(entry.url, event.metaKey || event.ctrlKey);
    }
  };

  // showModal makes the page inert; this keeps Tab cycling inside the dialog instead of leaving for the browser's chrome.
  const onDialogKeyDown = (event: ReactKeyboardEvent<HTMLDialogElement>) => {
    if (event.key !== 'Tab') return;
    const focusable = [...event.currentTarget.querySelectorAll<HTMLElement>('input, button, a[href]')].filter((element) => !element.hasAttribute('disabled'));
    const first = focusable[0];
    const last = focusable.at(-1);
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last?.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first?.focus();
    }
  };

  const setFilters = (filters: SearchState['filters']) => {
    setSearch({ ...search, filters });
    inputRef.current?.focus();
  };
  const catalogHref = withBase(base, 'catalog/');
  const status = resultCountText(view, search);

  return (
    <>
      <button ref={buttonRef} type="button" className="search-button" data-search-open="" aria-haspopup="dialog" aria-keyshortcuts="Control+K Meta+K /">
        <svg aria-hidden="true" viewBox="0 0 16 16" width="16" height="16">
          <path fill="currentColor" d="M10.68 11.74a6 6 0 1 1 1.06-1.06l3.04 3.04a.75.75 0 1 1-1.06 1.06ZM11.5 7a4.5 4.5 0 1 0-9 0 4.5 4.5 0 0 0 9 0" />
        </svg>
        <span>Search</span>
        <kbd className="search-button-key" aria-hidden="true">/</kbd>
      </button>
      {mounted && (
        <dialog
          ref={dialogRef}
          className="search-dialog"
          aria-labelledby={`${id}-title`}
          onClose={onClose}
          onKeyDown={onDialogKeyDown}
          onClick={(event) => {
            if (event.target === event.currentTarget) close();
          }}
        >
          <div className="search-panel">
            <h2 className="visually-hidden" id={`${id}-title`}>Search</h2>
            <div className="search-field">
              <svg aria-hidden="true" viewBox="0 0 16 16" width="18" height="18">
                <path fill="currentColor" d="M10.68 11.74a6 6 0 1 1 1.06-1.06l3.04 3.04a.75.75 0 1 1-1.06 1.06ZM11.5 7a4.5 4.5 0 1 0-9 0 4.5 4.5 0 0 0 9 0" />
              </svg>
              <label className="visually-hidden" htmlFor={`${id}-input`}>Search entities and docs</label>
              <input
                ref={inputRef}
                id={`${id}-input`}
                type="text"
                role="combobox"
                aria-expanded={showResults}
                aria-controls={listboxId}
                aria-autocomplete="list"
                aria-activedescendant={showResults ? optionId(active) : undefined}
                autoComplete="off"
                autoCapitalize="off"
                spellCheck={false}
                enterKeyHint="go"
                placeholder="Search entities and docs"
                value={search.query}
                onChange={(event) => setSearch({ ...search, query: event.target.value })}
                onKeyDown={onInputKeyDown}
              />
              <button type="button" className="search-close" onClick={close}>
                Close<span className="visually-hidden"> search</span>
              </button>
            </div>
            <FilterChips
              keys={dialogFilters}
              counts={view.outcome?.counts}
              selected={search.filters}
              limit={4}
              idPrefix={`${id}-filter`}
              onToggle={(key, value) => setFilters(toggleFilter(search.filters, key, value))}
              onClear={() => setFilters({})}
            />
            <p className="visually-hidden" role="status">{status}</p>
            <div className="search-body">
              <ul className="search-options" role="listbox" id={listboxId} aria-label="Results" hidden={!showResults}>
                {showResults &&
                  entries.map((entry, index) => (
                    <li
                      key={`${entry.url}-${entry.id}`}
                      id={optionId(index)}
                      role="option"
                      aria-selected={index === active}
                      className={entry.section === undefined ? 'search-option' : 'search-option search-option-section'}
                      onMouseMove={() => index !== active && setActive(index)}
                      onClick={(event) => go(entry.url, event.metaKey || event.ctrlKey)}
                    >
                      {entry.section === undefined ? (
                        <HitSummary hit={entry.hit} />
                      ) : (
                        <SectionSummary section={entry.hit.sections[entry.section]!} />
                      )}
                    </li>
                  ))}
              </ul>
              {!showResults && <SearchMessage view={view} search={search} catalogHref={catalogHref} />}
            </div>
            <div className="search-footer">
              <span className="search-keys" aria-hidden="true">
                <kbd>↑</kbd> <kbd>↓</kbd> to move · <kbd>Enter</kbd> to open · <kbd>Esc</kbd> to close
              </span>
              <a href={withBase(base, `search/${formatSearchState(search)}`)}>Open on the search page</a>
            </div>
          </div>
        </dialog>
      )}
    </>
  );
}

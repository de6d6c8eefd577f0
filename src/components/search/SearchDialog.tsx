import { useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent as ReactKeyboardEvent, type RefObject } from 'react';
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

type SearchEntry = ReturnType<typeof searchEntries>[number];

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
  const { mounted, open, close, onClose } = useSearchDialog(buttonRef, dialogRef, inputRef);
  const [search, setSearch] = useState<SearchState>(emptySearchState);
  const view = useSearch(base, search, resultLimit, open);
  useResultsMark(view);
  const entries = useMemo(() => searchEntries(view.outcome?.hits ?? []), [view.outcome]);
  const showResults = entries.length > 0 && isActiveSearch(search);
  const listboxId = `${id}-results`;
  const optionId = (index: number) => `${id}-option-${index}`;
  const [active, setActive] = useActiveOption(view.outcome, showResults, optionId);

  const go = (url: string, newTab: boolean) => openResult(url, newTab, close);
  const onInputKeyDown = (event: ReactKeyboardEvent<HTMLInputElement>) => {
    if (showResults) moveOrOpen(event, entries, active, setActive, go);
  };
  const setFilters = (filters: SearchState['filters']) => {
    setSearch({ ...search, filters });
    inputRef.current?.focus();
  };

  return (
    <>
      <SearchButton buttonRef={buttonRef} />
      {mounted && (
        <dialog
          ref={dialogRef}
          className="search-dialog"
          aria-labelledby={`${id}-title`}
          onClose={onClose}
          onKeyDown={keepTabInDialog}
          onClick={(event) => {
            if (event.target === event.currentTarget) close();
          }}
        >
          <div className="search-panel">
            <h2 className="visually-hidden" id={`${id}-title`}>Search</h2>
            <DialogField
              id={`${id}-input`}
              inputRef={inputRef}
              query={search.query}
              onQuery={(query) => setSearch({ ...search, query })}
              onKeyDown={onInputKeyDown}
              listboxId={listboxId}
              activeId={showResults ? optionId(active) : undefined}
              onClose={close}
            />
            <FilterChips
              keys={dialogFilters}
              counts={view.outcome?.counts}
              selected={search.filters}
              limit={4}
              idPrefix={`${id}-filter`}
              onToggle={(key, value) => setFilters(toggleFilter(search.filters, key, value))}
              onClear={() => setFilters({})}
            />
            <p className="visually-hidden" role="status">{resultCountText(view, search)}</p>
            <div className="search-body">
              <SearchOptions id={listboxId} entries={showResults ? entries : undefined} active={active} optionId={optionId} onActive={setActive} onOpen={go} />
              {!showResults && <SearchMessage view={view} search={search} catalogHref={withBase(base, 'catalog/')} />}
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

/**
 * The dialog's opening and closing: opened by the directive's request (the click or shortcut that hydrated the island),
 * then by its own shortcuts, as a modal with the field focused; on close, focus goes back to what opened it.
 */
function useSearchDialog(buttonRef: RefObject<HTMLButtonElement | null>, dialogRef: RefObject<HTMLDialogElement | null>, inputRef: RefObject<HTMLInputElement | null>) {
  const openerRef = useRef<Element | null>(null);
  const [mounted, setMounted] = useState(false);
  const [open, setOpen] = useState(false);
  const show = useCallback((opener: Element | null) => {
    openerRef.current = opener;
    setMounted(true);
    setOpen(true);
  }, []);

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

  const close = () => dialogRef.current?.close();
  // The dialog's close event is the one place state follows: Esc, the close button, a backdrop click, opening a result.
  const onClose = () => {
    setOpen(false);
    const opener = openerRef.current;
    if (opener instanceof HTMLElement && opener.isConnected && opener !== document.body) opener.focus();
  };
  return { mounted, open, close, onClose };
}

/** The result the arrow keys move over: the first again for each new answer, kept in view. */
function useActiveOption(outcome: unknown, showResults: boolean, optionId: (index: number) => string) {
  const [active, setActive] = useState(0);
  useEffect(() => setActive(0), [outcome]);
  useEffect(() => {
    if (showResults) document.getElementById(optionId(active))?.scrollIntoView({ block: 'nearest' });
  }, [active, showResults]); // eslint-disable-line react-hooks/exhaustive-deps
  return [active, setActive] as const;
}

/** A result opened: in a new tab with ⌘/Ctrl, else in this one, the dialog closed first. */
function openResult(url: string, newTab: boolean, close: () => void): void {
  if (newTab) {
    window.open(url, '_blank', 'noopener');
    return;
  }
  close();
  window.location.assign(url);
}

/** In the field, the arrow keys move over the results (round the end) and Enter opens the one they are on. */
function moveOrOpen(
  event: ReactKeyboardEvent<HTMLInputElement>,
  entries: readonly SearchEntry[],
  active: number,
  setActive: (update: (current: number) => number) => void,
  open: (url: string, newTab: boolean) => void,
): void {
  if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
    event.preventDefault();
    const step = event.key === 'ArrowDown' ? 1 : -1;
    setActive((current) => (current + step + entries.length) % entries.length);
  } else if (event.key === 'Enter') {
    event.preventDefault();
    const entry = entries[Math.min(active, entries.length - 1)];
    if (entry) open(entry.url, event.metaKey || event.ctrlKey);
  }
}

/** showModal makes the page inert; this keeps Tab cycling inside the dialog instead of leaving for the browser's chrome. */
function keepTabInDialog(event: ReactKeyboardEvent<HTMLDialogElement>): void {
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
}

function SearchIcon({ size }: { size: number }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" width={size} height={size}>
      <path fill="currentColor" d="M10.68 11.74a6 6 0 1 1 1.06-1.06l3.04 3.04a.75.75 0 1 1-1.06 1.06ZM11.5 7a4.5 4.5 0 1 0-9 0 4.5 4.5 0 0 0 9 0" />
    </svg>
  );
}

/** The dialog's field: a combobox over the results (`activeId` the option the arrow keys are on, when results show), and its close button. */
function DialogField(props: {
  id: string;
  inputRef: RefObject<HTMLInputElement | null>;
  query: string;
  onQuery: (query: string) => void;
  onKeyDown: (event: ReactKeyboardEvent<HTMLInputElement>) => void;
  listboxId: string;
  activeId: string | undefined;
  onClose: () => void;
}) {
  return (
    <div className="search-field">
      <SearchIcon size={18} />
      <label className="visually-hidden" htmlFor={props.id}>Search entities and docs</label>
      <input
        ref={props.inputRef}
        id={props.id}
        type="text"
        role="combobox"
        aria-expanded={props.activeId !== undefined}
        aria-controls={props.listboxId}
        aria-autocomplete="list"
        aria-activedescendant={props.activeId}
        autoComplete="off"
        autoCapitalize="off"
        spellCheck={false}
        enterKeyHint="go"
        placeholder="Search entities and docs"
        value={props.query}
        onChange={(event) => props.onQuery(event.target.value)}
        onKeyDown={props.onKeyDown}
      />
      <button type="button" className="search-close" onClick={props.onClose}>
        Close<span className="visually-hidden"> search</span>
      </button>
    </div>
  );
}

/** The header's search button, which the directive hydrates the island from. */
function SearchButton({ buttonRef }: { buttonRef: RefObject<HTMLButtonElement | null> }) {
  return (
    <button ref={buttonRef} type="button" className="search-button" data-search-open="" aria-haspopup="dialog" aria-keyshortcuts="Control+K Meta+K /">
      <SearchIcon size={16} />
      <span>Search</span>
      <kbd className="search-button-key" aria-hidden="true">/</kbd>
    </button>
  );
}

/** The results as the combobox's options (hidden when there are none to show), each opened by a click, in a new tab with ⌘/Ctrl. */
function SearchOptions(props: {
  id: string;
  entries: readonly SearchEntry[] | undefined;
  active: number;
  optionId: (index: number) => string;
  onActive: (index: number) => void;
  onOpen: (url: string, newTab: boolean) => void;
}) {
  const { entries, active } = props;
  return (
    <ul className="search-options" role="listbox" id={props.id} aria-label="Results" hidden={!entries}>
      {entries?.map((entry, index) => (
        <li
          key={`${entry.url}-${entry.id}`}
          id={props.optionId(index)}
          role="option"
          aria-selected={index === active}
          className={entry.section === undefined ? 'search-option' : 'search-option search-option-section'}
          onMouseMove={() => index !== active && props.onActive(index)}
          onClick={(event) => props.onOpen(entry.url, event.metaKey || event.ctrlKey)}
        >
          {entry.section === undefined ? <HitSummary hit={entry.hit} /> : <SectionSummary section={entry.hit.sections[entry.section]!} />}
        </li>
      ))}
    </ul>
  );
}

import { memo, useMemo, useState } from 'react';
import { facetValuesToShow, type Facet, type FacetId } from '../../explorer/client.ts';

interface Props {
  facet: Facet;
  counts: Int32Array;
  selected: readonly string[];
  onToggle: (facet: FacetId, key: string) => void;
}

/** Values beyond this many are behind "Show all", so a facet with hundreds of owners stays short. */
const shortList = 8;

/** One facet as a group of checkboxes, each with how many rows selecting it would show. */
export const FacetGroup = memo(function FacetGroup({ facet, counts, selected, onToggle }: Props) {
  const [expanded, setExpanded] = useState(false);
  const shown = useMemo(() => facetValuesToShow(facet, counts, selected), [facet, counts, selected]);
  if (facet.values.length === 0) return null;
  // Selected values stay listed even when they are not among the first few.
  const collapsible = shown.length > shortList + 2;
  const visible = expanded || !collapsible ? shown : shown.filter((item, position) => position < shortList || item.selected);
  return (
    <fieldset className="facet">
      <legend>{facet.label}</legend>
      {shown.length === 0 ? (
        <p className="facet-empty">No values among the matching entities.</p>
      ) : (
        <ul className="facet-values">
          {visible.map(({ value, count, selected: isSelected }) => (
            <li key={value.key}>
              <label className="facet-value" title={value.key === value.label ? undefined : value.key}>
                <input type="checkbox" checked={isSelected} onChange={() => onToggle(facet.id, value.key)} />
                <span className="facet-label">{value.label}</span>
                <span className="facet-count">{count}</span>
              </label>
            </li>
          ))}
        </ul>
      )}
      {collapsible && (
        <button type="button" className="link-button facet-more" aria-expanded={expanded} onClick={() => setExpanded(!expanded)}>
          {expanded ? 'Show fewer' : `Show all ${shown.length}`}
          <span className="visually-hidden"> {facet.label.toLowerCase()} values</span>
        </button>
      )}
    </fieldset>
  );
});

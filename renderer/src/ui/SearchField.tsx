// The free-text search of a screen's toolbar, and how its words match: Turkish case rules (İ/i,
// I/ı), any part of the text.
import './ui.css';

/** Whether `text` holds the query; an empty query matches everything. */
export function searchMatcher(query: string): (text: string) => boolean {
  const q = query.trim().toLocaleLowerCase('tr');
  return q ? (text) => text.toLocaleLowerCase('tr').includes(q) : () => true;
}

export function SearchField({
  label,
  placeholder,
  value,
  onChange,
}: {
  label: string;
  placeholder: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <label className="ops-field">
      {label}
      <input type="search" value={value} placeholder={placeholder} onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}

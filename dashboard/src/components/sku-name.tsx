/**
 * A SKU as people know it: its product title, with the id beside it in small type; the id alone
 * when its orders carried no title (issue #17). `data-testid=sku-title` marks the title so tests
 * (and people) can tell the two apart.
 */
export function SkuName({ id, title, idFirst = false }: { id: string; title: string | null | undefined; idFirst?: boolean }) {
  if (!title) return <span className="sku-id">{id}</span>;
  return (
    <span className="sku-name">
      {idFirst && <span className="sku-id muted small">{id} </span>}
      <span className="sku-title" data-testid="sku-title">
        {title}
      </span>
      {!idFirst && <span className="sku-id muted small"> {id}</span>}
    </span>
  );
}

/** The text of a SKU for places that take a string (chart axes, tooltips): title, else id. */
export const skuLabel = (id: string, title: string | null | undefined, max = 14): string => {
  if (!title) return id;
  return title.length > max ? `${title.slice(0, max - 1)}…` : title;
};

import shapes from '@svg-maps/china';
import { useState, type KeyboardEvent, type MouseEvent } from 'react';
import { provinceCodeOfShape } from '../shaping/china-provinces.ts';
import type { ProvinceShade } from '../shaping/map-shades.ts';

/**
 * China by province, each filled by its shade (shaping/map-shades.ts). Shapes: the npm package
 * @svg-maps/china 2.0 (CC BY 4.0, after MapSVG; credited under the map), already projected to a
 * 774 × 569 viewBox, so plain SVG paths draw it — no projection library. This module is its own
 * chunk, loaded by the logistics page only (the overview never waits for it).
 *
 * Hover (or keyboard focus) shows `tip(code)` beside the pointer; a click (or Enter / Space) calls
 * onSelect. Hong Kong and Macau are drawn without data (not delivery regions here).
 */
interface SvgMap {
  viewBox: string;
  locations: { id: string; name: string; path: string }[];
}
const MAP = shapes as unknown as SvgMap;

export interface ChinaMapProps {
  shades: Map<string, ProvinceShade>;
  selected: string | undefined;
  onSelect: (code: string) => void;
  label: (code: string) => string;
  tip: (code: string) => string;
}

export default function ChinaMap({ shades, selected, onSelect, label, tip }: ChinaMapProps) {
  const [hover, setHover] = useState<{ code: string; x: number; y: number } | null>(null);
  const move = (code: string) => (e: MouseEvent<SVGPathElement>) => {
    const box = e.currentTarget.ownerSVGElement?.parentElement?.getBoundingClientRect();
    setHover({ code, x: e.clientX - (box?.left ?? 0), y: e.clientY - (box?.top ?? 0) });
  };
  const key = (code: string) => (e: KeyboardEvent<SVGPathElement>) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onSelect(code);
    }
  };
  return (
    <div className="china-map" data-testid="china-map">
      <svg viewBox={MAP.viewBox} role="group" aria-label="China">
        {MAP.locations.map((loc) => {
          const code = provinceCodeOfShape(loc.id);
          const shade = code ? shades.get(code) : undefined;
          const fill = shade?.fill ?? '#f3f4f6';
          if (!code) return <path key={loc.id} d={loc.path} fill="#f3f4f6" stroke="#fff" strokeWidth={0.8} data-shape={loc.id} />;
          return (
            <path
              key={loc.id}
              d={loc.path}
              fill={fill}
              stroke={code === selected ? '#111827' : '#fff'}
              strokeWidth={code === selected ? 2 : 0.8}
              className={code === selected ? 'province selected' : 'province'}
              data-testid="province"
              data-code={code}
              data-level={shade?.level ?? -1}
              data-value={shade?.value ?? ''}
              tabIndex={0}
              role="button"
              aria-pressed={code === selected}
              aria-label={`${label(code)}: ${tip(code)}`}
              onMouseMove={move(code)}
              onMouseLeave={() => setHover(null)}
              onFocus={(e) => {
                const r = e.currentTarget.getBoundingClientRect();
                const box = e.currentTarget.ownerSVGElement?.parentElement?.getBoundingClientRect();
                setHover({ code, x: r.left - (box?.left ?? 0) + r.width / 2, y: r.top - (box?.top ?? 0) + r.height / 2 });
              }}
              onBlur={() => setHover(null)}
              onClick={() => onSelect(code)}
              onKeyDown={key(code)}
            />
          );
        })}
      </svg>
      {hover && (
        <div className="map-tip" data-testid="map-tip" style={{ left: hover.x + 12, top: hover.y + 12 }}>
          <strong>{label(hover.code)}</strong>
          <br />
          {tip(hover.code)}
        </div>
      )}
    </div>
  );
}

/** 查找 (Ctrl+F): names and codes across all tables; a result opens its table and selects the cell. */
import { useEffect, useRef, useState } from 'react';
import type { EditorStore } from '../app/editorStore';
import { searchDocument, type SearchHit } from '../app/search';
import { useChannels } from '../app/useChannel';

export function FindPanel({ store }: { store: EditorStore }) {
  useChannels(store, 'dialog');
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [current, setCurrent] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (store.findOpen) input.current?.select();
  }, [store.findOpen]);
  if (!store.findOpen) return null;

  const go = (h: SearchHit | undefined) => {
    if (h) store.revealAt(h.view, { rowId: h.rowId, colId: h.colId });
  };
  const run = () => {
    const found = searchDocument(store.doc, store.catalogue, store.names, store.built.structure, query);
    setHits(found);
    setCurrent(0);
    go(found[0]);
  };
  const next = () => {
    if (!hits || hits.length === 0) return run();
    const i = (current + 1) % hits.length;
    setCurrent(i);
    go(hits[i]);
  };

  return (
    <div className="find-panel" role="search" aria-label="查找">
      <div className="find-row">
        <input
          ref={input}
          value={query}
          placeholder="名称或编码，如 培训 或 30201"
          aria-label="查找内容"
          onChange={(e) => {
            setQuery(e.target.value);
            setHits(null);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              if (hits) next();
              else run();
            } else if (e.key === 'Escape') store.closeFind();
          }}
        />
        <button onClick={run}>查找</button>
        <button onClick={next} disabled={!hits || hits.length < 2}>
          下一个
        </button>
        <button onClick={() => store.closeFind()} aria-label="关闭查找">
          ×
        </button>
      </div>
      {hits && (
        <div className="find-results">
          <div className="find-count">{hits.length === 0 ? '没有找到' : `找到 ${hits.length} 处${hits.length >= 200 ? '（只显示前 200 处）' : ''}`}</div>
          <ul>
            {hits.map((h, i) => (
              <li key={`${h.view}|${h.rowId}|${h.colId}`}>
                <button
                  className={i === current ? 'current' : ''}
                  onClick={() => {
                    setCurrent(i);
                    go(h);
                  }}
                >
                  <span className="find-table">{h.tableLabel}</span> {h.text}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

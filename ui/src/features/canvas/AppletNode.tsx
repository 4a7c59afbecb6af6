// One applet on the canvas: title, kind, and one labelled source handle per exit. Flat (no
// blurred shadow: WebKitGTK paints those on the CPU), fixed row heights (see plan/geometry).
import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { ENTRY_HANDLE, exitHandleId, type AppletNode as AppletNodeType } from '../../plan/mapping';
import { EXIT_ROW, HEADER_HEIGHT, nodeHeight } from '../../plan/geometry';
import { useFar } from './lod';

function AppletNodeView({ data, selected, dragging }: NodeProps<AppletNodeType>) {
  const { applet, marker, exitMarkers, connected, isStart, traced, current, currentExit, displayName, mark, uncovered } = data;
  const far = useFar();
  const cls = ['applet', selected ? 'applet--selected' : '', marker ? `applet--${marker}` : '', traced ? 'applet--traced' : '', current ? 'applet--current' : '', applet.live_only ? 'applet--live' : '', mark ? `applet--diff-${mark}` : '']
    .filter(Boolean)
    .join(' ');
  if (far) {
    // Zoomed far out the edge canvas paints the applet; this box only takes the pointer,
    // and shows itself while selected or dragged (the canvas leaves those out).
    return (
      <div className={`${cls} applet--far${selected || dragging ? ' applet--far-shown' : ''}`} style={{ height: nodeHeight(applet.exits.length) }} data-applet={applet.id}>
        {(selected || dragging) && <div className="applet__title">{applet.label}</div>}
      </div>
    );
  }
  return (
    <div className={cls} style={{ height: nodeHeight(applet.exits.length) }} data-applet={applet.id} data-kind={applet.kind} data-mark={mark ?? undefined}>
      <Handle type="target" id={ENTRY_HANDLE} position={Position.Left} style={{ top: HEADER_HEIGHT / 2 }} className="applet__entry" />
      <div className="applet__title">
        {isStart && <span className="applet__start" title="Initial applet">▶ </span>}
        {applet.label}
        {mark && (
          <span className={`applet__diff applet__diff--${mark}`} title={`In the comparison: ${mark}`}>
            {mark === 'added' ? '+' : mark === 'removed' ? '−' : mark === 'moved' ? '↔' : '~'}
          </span>
        )}
        {marker && (
          <span className={`applet__marker applet__marker--${marker}`} role="img" aria-label={`${marker}: see the diagnostics`}>
            {marker === 'error' ? '●' : '▲'}
          </span>
        )}
      </div>
      <div className="applet__kind">
        {displayName}
        {applet.live_only && <span className="applet__live"> · live</span>}
      </div>
      {applet.exits.map((exit, i) => (
        <div
          key={exit}
          className={`applet__exit${connected[exit] ? ' applet__exit--wired' : ''}${exitMarkers[exit] ? ` applet__exit--${exitMarkers[exit]}` : ''}${uncovered.includes(exit) ? ' applet__exit--uncovered' : ''}${exit === currentExit ? ' applet__exit--taken' : ''}`}
          style={{ top: HEADER_HEIGHT + i * EXIT_ROW, height: EXIT_ROW }}
          data-exit={exit}
        >
          <span className="applet__exit-label">{exit}</span>
          {uncovered.includes(exit) && <span className="applet__untested" title="No plan test takes this exit">untested</span>}
          <Handle type="source" id={exitHandleId(exit)} position={Position.Right} className="applet__handle" />
        </div>
      ))}
    </div>
  );
}

export default memo(AppletNodeView);

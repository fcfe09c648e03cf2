/** Named change channels: React chrome re-renders per channel; the grid listens for precise cell changes. */
/** doc: any change; structure: rows or labels changed (not just amounts). */
export type Channel = 'doc' | 'structure' | 'view' | 'findings' | 'selection' | 'message' | 'progress' | 'dialog';

export class Emitter {
  private listeners = new Map<Channel, Set<() => void>>();
  private versions = new Map<Channel, number>();

  version(channel: Channel): number {
    return this.versions.get(channel) ?? 0;
  }

  on(channel: Channel, listener: () => void): () => void {
    let set = this.listeners.get(channel);
    if (!set) this.listeners.set(channel, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  emit(channel: Channel): void {
    this.versions.set(channel, this.version(channel) + 1);
    for (const l of [...(this.listeners.get(channel) ?? [])]) l();
  }
}

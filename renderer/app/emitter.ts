/** Named change channels of the store, one shared Emitter each: React chrome re-renders per channel. */
import { Emitter, type Dispose } from '../../shared/events/emitter';

/** doc: any change; structure: rows or labels changed (not just amounts). */
export const CHANNELS = ['doc', 'structure', 'view', 'findings', 'selection', 'message', 'progress', 'dialog'] as const;
export type Channel = (typeof CHANNELS)[number];

export class Channels {
  private readonly emitters = Object.fromEntries(CHANNELS.map((c) => [c, new Emitter()])) as Record<Channel, Emitter>;

  version(channel: Channel): number {
    return this.emitters[channel].version;
  }

  on(channel: Channel, listener: () => void): Dispose {
    return this.emitters[channel].event(listener);
  }

  emit(channel: Channel): void {
    this.emitters[channel].fire();
  }
}

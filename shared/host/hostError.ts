/**
 * A failure of a host method with a Chinese message meant for the clerk and a classified code
 * (`locked`, `diskFull`, `conflict`, `notRecent`, `forbidden`…): thrown on purpose by main's handlers,
 * carried across IPC in the reply envelope, and thrown again as the same class in the renderer.
 */
export class HostError extends Error {
  override readonly name = 'HostError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

// Typed store errors. Each names the proposal it is about (index in the batch, urn, aspect), so a
// REST layer can map it to a 4xx and an ingestion report can attach it to the right work unit.
export { StoreConflictError } from './store.js';

export class InvalidProposalError extends Error {
  override name = 'InvalidProposalError';
  constructor(
    readonly index: number,
    readonly urn: string,
    readonly aspectName: string | null,
    readonly errors: string[],
  ) {
    super(`proposal #${index} for ${urn}${aspectName ? ` aspect ${aspectName}` : ''} is invalid: ${errors.join('; ')}`);
  }
}

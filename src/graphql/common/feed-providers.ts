import type { Provider } from '../../domain/provider';
import { BadUserInputError } from '../../errors/bad-user-input.error';
import { ErrorCode } from '../../errors/error-code';
import { VendorError } from '../../errors/vendor.error';
import type { GraphQLContext } from '../context';

/** Also marks the request as reading the index (`extensions.indexIncomplete`). */
export function feedProviders(ctx: GraphQLContext, provider: Provider | null | undefined, providers: readonly Provider[] | null | undefined): Provider[] {
  if (provider && providers) throw new BadUserInputError('Pass `provider` or `providers`, not both.', { argument: 'providers' });
  if (providers && providers.length === 0)
    throw new BadUserInputError('`providers` must name at least one provider (omit it for all).', { argument: 'providers' });
  const configured = ctx.registry.configured().map((a) => a.descriptor.provider);
  const wanted = providers ?? (provider ? [provider] : null);
  for (const p of wanted ?? []) if (!configured.includes(p)) throw new VendorError(ErrorCode.VENDOR_NOT_CONFIGURED, p);
  ctx.readsIndex = true;
  return wanted ? configured.filter((p) => wanted.includes(p)) : configured;
}

/** A vendor added to the list appears in the schema with no edit here. */
import { Field } from 'type-graphql';
import { providerSlug, registerProviders } from '../domain/provider';
import type { InputClass, VendorModule } from '../vendors/vendor-adapter';
import { ProviderEnum } from './common/enums';
import { InviteCandidateInput } from './interview/invite-candidate.input';
import { CreateInterviewTemplateInput } from './template/create-template.input';

/** type-graphql's metadata is per process: a field may be added once. */
const added = new Set<string>();

/** Call before building the schema; idempotent. */
export function registerVendorSchema(vendors: readonly VendorModule[]): void {
  registerProviders(vendors.map((v) => v.descriptor));
  for (const { descriptor, mutationOptions } of vendors) {
    ProviderEnum[descriptor.provider] = descriptor.provider;
    const slug = providerSlug(descriptor.provider);
    addOptionsField(InviteCandidateInput, slug, mutationOptions?.inviteCandidate, `${descriptor.displayName}-only settings.`);
    addOptionsField(
      CreateInterviewTemplateInput,
      slug,
      mutationOptions?.createInterviewTemplate,
      `${descriptor.displayName}-only settings (provider ${descriptor.provider}).`,
    );
  }
}

function addOptionsField(target: InputClass, field: string, type: InputClass | undefined, description: string): void {
  const key = `${target.name}.${field}`;
  if (!type || added.has(key)) return;
  added.add(key);
  Field(() => type, { nullable: true, description })(target.prototype, field);
}

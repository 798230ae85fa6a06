import { createProviderConnectionType } from '../common/connection.type';
import { InterviewTemplateType } from './template.type';

export const InterviewTemplateConnection = createProviderConnectionType(
  InterviewTemplateType,
  'InterviewTemplate',
  "A page of interview templates: across providers newest first (the read model), or one provider's live list in the vendor's order.",
);

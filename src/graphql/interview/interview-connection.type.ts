import { createProviderConnectionType } from '../common/connection.type';
import { InterviewType } from './interview.type';

export const InterviewConnection = createProviderConnectionType(
  InterviewType,
  'Interview',
  "A page of interviews: across providers in the order asked for (the read model), or one provider's live list in the vendor's order.",
);

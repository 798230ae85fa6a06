import { createConnectionType } from '../common/connection.type';
import { InterviewTemplateType } from './template.type';

export const InterviewTemplateConnection = createConnectionType(InterviewTemplateType, 'InterviewTemplate', 'A page of interview templates.');

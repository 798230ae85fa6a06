import { createConnectionType } from '../common/connection.type';
import { InterviewType } from './interview.type';

export const InterviewConnection = createConnectionType(InterviewType, 'Interview', 'A page of interviews, newest first as the vendor orders them.');

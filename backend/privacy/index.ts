export { subjectKey, sameSubject, type DataSubject } from './subject.js';
export {
  PersonalDataRegistry,
  ErasureError,
  ERASED_KINDS,
  emptyReport,
  cutoff,
  type ErasedKind,
  type ErasureReport,
  type PersonalDataStore,
} from './personalData.js';

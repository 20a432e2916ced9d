export {
  PortalFailure,
  changedFailure,
  type FailureAction,
  type FailureIds,
  type FailureInit,
  type FailureWords,
} from './failure';
export { toFailure, type FailureContext } from './to-failure';
export { failureResponse, failureView, type FailureBody, type FailureView } from './render';
export {
  addressedToOwnAdmin,
  fixedByPartner,
  fixFor,
  readerOfScope,
  type FailureReader,
  type FixWords,
} from './reader';
export { onboardingFailure } from './translate/onboarding';
export { accessFailure } from './translate/access';
export { discoveryFailure, discoveryMalformed } from './translate/health';
export { notAdmittedFailure, notConnectedFailure } from './translate/tokens';
export {
  reconsentFailureCodes,
  customerFailureFromCode,
  customerFailureSource,
  type CustomerReading,
} from './translate/customers';
export { type OnboardingCode } from './catalogue/onboarding';
export {
  reconsentCodes,
  configurationCodes,
  recheckableCodes,
  type TokenFailureCode,
} from './catalogue/tokens';

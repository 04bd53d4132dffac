/** Provider display names for the run's own messages: the shared table main's labels also come from. */
export { providerName as providerLabel } from '../../../../shared/provider-names';

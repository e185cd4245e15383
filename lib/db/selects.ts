/** The columns of a link that its usable rate and its fitted model need (charts, predictions, the fit itself). */
export const LINK_RATE_SELECT = {
  id: true,
  name: true,
  lineRateGbps: true,
  busLimitGbps: true,
  emulated: true,
  modelEfficiency: true,
  modelSetupMs: true,
} as const;

export type LlmSettings = {
  anthropicApiKey: string;
  /** Overrides the Anthropic endpoint (tests point it at a local server). */
  anthropicBaseUrl?: string;
  model: string;
  morphApiKey?: string;
  morphBaseUrl?: string;
  morphModel?: string;
  maxAttempts?: number;
};

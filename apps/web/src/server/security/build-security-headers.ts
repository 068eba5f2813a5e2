// The security headers of every response (pages, API, errors, static files), set by the proxy.
// Scripts: only those carrying this request's nonce ('strict-dynamic' lets them load Next's chunks);
// no 'unsafe-inline', no 'unsafe-eval' outside `next dev`. Styles: stylesheets from 'self' and nonce'd
// <style> elements; style *attributes* stay allowed (style-src-attr) because React renders inline
// widths and Recharts positions its SVG through them, and an attribute can restyle an element but
// neither run code nor select other elements (no CSS exfiltration without a <style> or stylesheet).
export type SecurityHeadersOptions = {
  /** Base64 of at least 128 random bits, new for every request. */
  nonce: string;
  /** The dashboard is served over https: upgrade stray http subresources and pin https (HSTS). */
  https: boolean;
  /** `next dev`: React's debugging needs eval, and dev styles come without nonces. */
  development: boolean;
};

const PERMISSIONS_POLICY = [
  'accelerometer=()',
  'camera=()',
  'display-capture=()',
  'geolocation=()',
  'gyroscope=()',
  'magnetometer=()',
  'microphone=()',
  'payment=()',
  'usb=()',
].join(', ');

export const buildContentSecurityPolicy = ({ nonce, https, development }: SecurityHeadersOptions) =>
  [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ''}`,
    development ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    // Sign-in is a fetch to /api/auth/signin and then a navigation, not a form post, so the identity
    // provider's origin is not needed here.
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ['upgrade-insecure-requests'] : []),
  ].join('; ');

export const buildSecurityHeaders = (options: SecurityHeadersOptions): Record<string, string> => ({
  'content-security-policy': buildContentSecurityPolicy(options),
  // For browsers without CSP frame-ancestors; both say the dashboard is never framed.
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  // Run and repository names stay on the dashboard: other origins (GitHub, the IdP) get no referrer.
  'referrer-policy': 'same-origin',
  'permissions-policy': PERMISSIONS_POLICY,
  // No other origin keeps a handle on a dashboard window, or embeds its responses as subresources.
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  ...(options.https ? { 'strict-transport-security': 'max-age=31536000' } : {}),
});

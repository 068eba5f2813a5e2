'use client';

import { useEffect } from 'react';

/**
 * A full navigation started by this page, so the browser treats it as same-site and sends the Strict
 * session cookie (a client-side router push would keep the layout rendered without the session).
 */
export function ContinueNavigation({ target }: { target: string }) {
  useEffect(() => {
    window.location.replace(target);
  }, [target]);
  return (
    <p>
      {/* Without JavaScript, or if the navigation is slow, the user goes on by hand. */}
      <a href={target} className="text-sky-800 underline dark:text-sky-300">
        Continue to the dashboard
      </a>
    </p>
  );
}

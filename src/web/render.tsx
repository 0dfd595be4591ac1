/**
 * Server-rendered pages: TSX compiled by our own tsc, rendered to a string by
 * preact-render-to-string, which escapes every text and attribute value (a title or a name can never
 * become markup). Pages are whole documents; htmx (next) swaps parts of them.
 */
import type { FastifyReply } from 'fastify';
import type { ComponentChildren, VNode } from 'preact';
import { render } from 'preact-render-to-string';

export function sendPage(reply: FastifyReply, page: VNode, status = 200) {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(`<!doctype html>${render(page)}`);
}

export interface LayoutProps {
  title: string;
  /** the signed-in person, when there is one */
  who?: { name: string; email: string } | null;
  csrf?: string;
  children: ComponentChildren;
}

export function Layout({ title, who, csrf, children }: LayoutProps) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} — Brownbag`}</title>
        <link rel="stylesheet" href="/assets/brownbag.css" />
      </head>
      <body>
        <header class="top">
          <a class="brand" href="/">
            Brownbag
          </a>
          {who ? (
            <form method="post" action="/sign-out" class="who">
              <span>{who.name}</span>
              <input type="hidden" name="_csrf" value={csrf} />
              <button type="submit" class="link">
                Sign out
              </button>
            </form>
          ) : null}
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}

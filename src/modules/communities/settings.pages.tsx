/**
 * A community's settings page (organizers): its default language, the language of its pages and mail
 * for people who chose none and whose browser asks for none Brownbag speaks. Read with the API's own
 * schema (CommunityPatch), checked by the same rule (community.update).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { LANGUAGES } from '../../core/i18n/languages';
import { authorize } from '../../core/policy';
import { actorOf } from '../../http/auth';
import { Slug } from '../../http/types';
import { FormFields, readForm } from '../../web/form';
import { ownName } from '../../web/i18n';
import { Page, PostForm, pageCtx, sendPage, type PageCtx } from '../../web/render';
import type { Access } from './access';
import { CommunityPatch } from './communities.schemas';
import type { CommunitiesService } from './communities.service';

const SETTINGS_FIELDS = ['defaultLanguage'] as const;
const params = Type.Object({ slug: Slug });

function SettingsPage({ ctx, a, saved }: { ctx: PageCtx; a: Access; saved: boolean }) {
  const m = ctx.l.m.readerLanguage;
  const title = m.settingsTitle({ community: a.community.name });
  return (
    <Page ctx={ctx} title={title}>
      <h1 dir="auto">{title}</h1>
      <p>
        <a href={`/c/${a.community.slug}`} dir="auto">
          {a.community.name}
        </a>
      </p>
      {saved ? (
        <p class="notice" role="status">
          {m.saved}
        </p>
      ) : null}
      <PostForm ctx={ctx} action={`/c/${a.community.slug}/settings`} class="card stack">
        <div>
          <label for="default-language">{m.communityDefault}</label>
          <p class="muted" id="default-language-hint">
            {m.communityDefaultHint}
          </p>
          <select id="default-language" name="defaultLanguage" aria-describedby="default-language-hint">
            {LANGUAGES.map((tag) => (
              <option value={tag} lang={tag} selected={a.community.defaultLanguage === tag}>
                {ownName(tag)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <button type="submit">{m.save}</button>
        </div>
      </PostForm>
    </Page>
  );
}

export const settingsPages: FastifyPluginAsyncTypebox<{ communities: CommunitiesService }> = async (app, d) => {
  app.get(
    '/c/:slug/settings',
    {
      config: { page: true },
      schema: { hide: true, params, querystring: Type.Object({ saved: Type.Optional(Type.String({ maxLength: 5 })) }) },
    },
    async (req, reply) => {
      const a = await d.communities.access(actorOf(req), req.params.slug);
      authorize(a, 'community.update');
      return sendPage(reply, <SettingsPage ctx={pageCtx(req)} a={a} saved={req.query.saved === '1'} />);
    },
  );

  app.post(
    '/c/:slug/settings',
    {
      config: { page: true, form: CommunityPatch, formFields: SETTINGS_FIELDS },
      schema: { hide: true, params, body: FormFields },
    },
    async (req, reply) => {
      const patch = readForm(CommunityPatch, req.body, SETTINGS_FIELDS);
      await d.communities.update(actorOf(req), req.params.slug, patch);
      return reply.redirect(`/c/${req.params.slug}/settings?saved=1`, 303);
    },
  );
};

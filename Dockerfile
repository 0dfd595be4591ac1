# Brownbag's image: built in one stage, run from a slim one as the unprivileged `node` user.
# The command is what `npm start` runs once it has built (node dist/src/server.js), the same
# entry point the tests start as a process. Without DATABASE_URL it starts its embedded
# PostgreSQL under /var/lib/brownbag (mount a volume there); with it, it uses that server.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src src
COPY migrations migrations
COPY scripts scripts
RUN npm run build && npm prune --omit=dev

FROM node:24-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    BROWNBAG_DATA_DIR=/var/lib/brownbag
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
RUN mkdir -p /var/lib/brownbag && chown node:node /var/lib/brownbag
USER node
VOLUME /var/lib/brownbag
EXPOSE 3000
# Ready: the database answers, migrations are applied, the instance is not draining.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/health/ready`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM drains (every open connection answered) and exits within ten seconds.
STOPSIGNAL SIGTERM
CMD ["node", "--enable-source-maps", "--max-old-space-size=256", "dist/src/server.js"]

# One image for the API (which also serves the web app) and the worker; the command picks which.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY . .
RUN npm ci --no-audit --no-fund && npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/libs ./libs
COPY --from=build /app/apps/api/package.json /app/apps/api/package.json
COPY --from=build /app/apps/api/dist /app/apps/api/dist
COPY --from=build /app/apps/worker/package.json /app/apps/worker/package.json
COPY --from=build /app/apps/worker/dist /app/apps/worker/dist
COPY --from=build /app/apps/web/dist /app/apps/web/dist
# Service items (catalogue entries, models, forms) imported by the API at start-up.
COPY --from=build /app/processes /app/processes
USER node
EXPOSE 3000
CMD ["node", "apps/api/dist/main.js"]

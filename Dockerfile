# The image docker-compose.yml runs (every role). Not built on the project's machines: they have no
# Docker engine. `npm ci` also compiles the TypeScript (the `prepare` script).
FROM node:20-bookworm
WORKDIR /app
COPY . .
RUN npm ci --no-audit --no-fund
ENV NODE_ENV=production
CMD ["node", "dist/cli/mull.js", "start"]

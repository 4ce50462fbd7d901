# One image for every role; docker-compose.yml picks the role by command.
# Build stage: dev dependencies (vite) build the dashboard; the runtime stage keeps only
# production dependencies and the built dashboard/dist. (`npm install`, not `npm ci`: see .ci/run.)
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund --ignore-scripts
COPY . .
RUN npm run build:dashboard

FROM node:22-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --omit=dev --no-audit --no-fund --ignore-scripts
COPY . .
COPY --from=build /app/dashboard/dist ./dashboard/dist
ENV RADAR_HOST=0.0.0.0 \
    RADAR_DATA_DIR=/data
EXPOSE 8080 9464
ENTRYPOINT ["node", "bin/radar.js"]
CMD ["--help"]

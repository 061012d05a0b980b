-- TICKIT (the AWS Redshift sample database the seed recipe ingests) as PostgreSQL, with keys,
-- foreign keys and comments, views over it, and identifiers that need quoting. Used by the
-- postgres source tests (in-process PGlite and the real server) and later by the profiler's.
-- Everything lives in the current schema search path's first schema (public), plus "Odd Schema".

CREATE TABLE users (
  userid integer PRIMARY KEY,
  username char(8) NOT NULL,
  firstname varchar(30),
  lastname varchar(30),
  city varchar(30),
  state char(2),
  email varchar(100),
  phone char(14),
  likesports boolean, liketheatre boolean, likeconcerts boolean, likejazz boolean, likeclassical boolean,
  likeopera boolean, likerock boolean, likevegas boolean, likebroadway boolean, likemusicals boolean
);
COMMENT ON TABLE users IS 'Registered users: buyers and sellers';
COMMENT ON COLUMN users.email IS 'Contact email address';

CREATE TABLE venue (
  venueid smallint PRIMARY KEY,
  venuename varchar(100),
  venuecity varchar(30),
  venuestate char(2),
  venueseats integer
);

CREATE TABLE category (
  catid smallint PRIMARY KEY,
  catgroup varchar(10),
  catname varchar(10),
  catdesc varchar(50)
);

CREATE TABLE "date" (
  dateid smallint PRIMARY KEY,
  caldate date NOT NULL,
  day char(3) NOT NULL,
  week smallint NOT NULL,
  month char(5) NOT NULL,
  qtr char(5) NOT NULL,
  year smallint NOT NULL,
  holiday boolean DEFAULT false
);
COMMENT ON TABLE "date" IS 'Calendar dates';

CREATE TABLE event (
  eventid integer PRIMARY KEY,
  venueid smallint NOT NULL REFERENCES venue (venueid),
  catid smallint NOT NULL REFERENCES category (catid),
  dateid smallint NOT NULL REFERENCES "date" (dateid),
  eventname varchar(200),
  starttime timestamp
);

CREATE TABLE listing (
  listid integer PRIMARY KEY,
  sellerid integer NOT NULL CONSTRAINT listing_seller_fk REFERENCES users (userid),
  eventid integer NOT NULL REFERENCES event (eventid),
  dateid smallint NOT NULL REFERENCES "date" (dateid),
  numtickets smallint NOT NULL,
  priceperticket numeric(8,2),
  totalprice numeric(8,2),
  listtime timestamp
);

CREATE TABLE sales (
  salesid integer PRIMARY KEY,
  listid integer NOT NULL REFERENCES listing (listid),
  sellerid integer NOT NULL CONSTRAINT sales_seller_fk REFERENCES users (userid),
  buyerid integer NOT NULL CONSTRAINT sales_buyer_fk REFERENCES users (userid),
  eventid integer NOT NULL REFERENCES event (eventid),
  dateid smallint NOT NULL REFERENCES "date" (dateid),
  qtysold smallint NOT NULL,
  pricepaid numeric(8,2),
  commission numeric(8,2),
  saletime timestamp
);
COMMENT ON TABLE sales IS 'Ticket sales: one row per sale';
COMMENT ON COLUMN sales.pricepaid IS 'Price paid, in USD';

-- A join and an aggregate.
CREATE VIEW sales_by_event AS
SELECT e.eventid, e.eventname, sum(s.pricepaid) AS total_sales, count(*) AS num_sales
  FROM sales s
  JOIN event e ON e.eventid = s.eventid
 GROUP BY e.eventid, e.eventname;

-- A CTE and a UNION.
CREATE VIEW people AS
WITH sellers AS (
  SELECT DISTINCT u.userid, u.firstname || ' ' || u.lastname AS fullname
    FROM users u JOIN listing l ON l.sellerid = u.userid
)
SELECT userid, fullname, 'seller' AS role FROM sellers
UNION
SELECT u.userid, u.firstname || ' ' || u.lastname, 'buyer' FROM users u JOIN sales s ON s.buyerid = u.userid;

-- SELECT * (PostgreSQL stores it expanded).
CREATE VIEW all_venues AS SELECT * FROM venue;

-- A materialized view with a subquery in FROM.
CREATE MATERIALIZED VIEW monthly_sales AS
SELECT d.year, d.month, t.qty
  FROM "date" d
  JOIN (SELECT dateid, sum(qtysold) AS qty FROM sales GROUP BY dateid) t ON t.dateid = d.dateid;
COMMENT ON MATERIALIZED VIEW monthly_sales IS 'Tickets sold per month';

-- Awkward identifiers and types.
CREATE SCHEMA "Odd Schema";
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE DOMAIN positive_int AS integer CHECK (VALUE > 0);
CREATE TABLE "Odd Schema"."Mixed Case" (
  "Id" bigint PRIMARY KEY,
  "quote""d" text,
  "select" integer,
  "naïve café" varchar(20),
  tags text[],
  attrs jsonb,
  doc json,
  uid uuid,
  feeling mood,
  amount positive_int,
  at timestamptz,
  span interval,
  blob bytea,
  spot point,
  matrix integer[][]
);
CREATE TABLE "Odd Schema"."quote""d" ("Mixed Id" bigint REFERENCES "Odd Schema"."Mixed Case" ("Id"), note text);
CREATE VIEW "Odd Schema"."date" AS
SELECT m."Id", m."quote""d" AS "Quoted Col", q.note
  FROM "Odd Schema"."Mixed Case" m
  LEFT JOIN "Odd Schema"."quote""d" q ON q."Mixed Id" = m."Id";

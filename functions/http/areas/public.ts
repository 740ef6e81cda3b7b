import { areaRouter } from '../../../shared/http/area-router';
import { handler as listTherapists } from '../list-therapists';
import { handler as getAvailability } from '../get-availability';
import { handler as previewSeries } from '../preview-series';
import { handler as corsPreflight } from '../cors-preflight';
import { handler as getPractice } from '../get-practice';
import { handler as getOpenApi } from '../get-openapi';
import { handler as getCalendarFeed } from '../get-calendar-feed';

/** The public area's function (what the widget and calendar apps read without an account): each route goes to its own handler. */
export const handler = areaRouter('public', { listTherapists, getAvailability, previewSeries, corsPreflight, getPractice, getOpenApi, getCalendarFeed });

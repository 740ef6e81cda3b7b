import { areaRouter } from '../../../shared/http/area-router';
import { handler as listTherapistsAdmin } from '../list-therapists-admin';
import { handler as createTherapist } from '../create-therapist';
import { handler as updateTherapist } from '../update-therapist';
import { handler as deactivateTherapist } from '../deactivate-therapist';
import { handler as getSettings } from '../get-settings';
import { handler as putSettings } from '../put-settings';
import { handler as listAuditEntries } from '../list-audit-entries';
import { handler as eraseClient } from '../erase-client';
import { handler as exportPractice } from '../export-practice';

/** The admin area's function (practice administration): each route goes to its own handler. */
export const handler = areaRouter('admin', { listTherapistsAdmin, createTherapist, updateTherapist, deactivateTherapist, getSettings, putSettings, listAuditEntries, eraseClient, exportPractice });

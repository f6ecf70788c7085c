"use client";
import { useUrlState } from "@/components/ui/use-url-state";
import { adsTableParsers, normaliseAdsTableParams } from "@/lib/ads/table-params";

/** The ads table's state: the URL, read with the server's parser map. */
export const useAdsUrl = () => useUrlState(adsTableParsers, normaliseAdsTableParams);

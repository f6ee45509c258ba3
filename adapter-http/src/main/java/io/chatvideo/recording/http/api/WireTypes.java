package io.chatvideo.recording.http.api;

import io.chatvideo.recording.api.CompleteRequest;
import io.chatvideo.recording.api.CompletedPart;
import io.chatvideo.recording.api.MultipartRequest;
import io.chatvideo.recording.api.MultipartTicket;
import io.chatvideo.recording.api.PartToSign;
import io.chatvideo.recording.api.PartUpload;
import io.chatvideo.recording.api.PartUploads;
import io.chatvideo.recording.api.RecordingJson;
import io.chatvideo.recording.api.RecordingList;
import io.chatvideo.recording.api.RenditionJson;
import io.chatvideo.recording.api.ReplacementTicket;
import io.chatvideo.recording.api.SpeakersJson;
import io.chatvideo.recording.api.TranscriptJson;
import io.chatvideo.recording.api.ShareJson;
import io.chatvideo.recording.api.ShareLink;
import io.chatvideo.recording.api.ShareList;
import io.chatvideo.recording.api.ShareRequest;
import io.chatvideo.recording.api.SignPartsRequest;
import io.chatvideo.recording.api.SpeakersJson;
import io.chatvideo.recording.api.StoredPart;
import io.chatvideo.recording.api.StoredParts;
import io.chatvideo.recording.api.UploadTicket;
import io.chatvideo.recording.api.UploadUrlRequest;
import io.micronaut.serde.annotation.SerdeImport;

/**
 * The wire types of recording-api, made readable and writable by Micronaut Serde (and checkable by
 * Micronaut validation): they carry Jackson annotations only, so this server's annotation
 * processors write their introspection here. A new body record is listed here once.
 */
@SerdeImport(UploadUrlRequest.class)
@SerdeImport(UploadTicket.class)
@SerdeImport(MultipartRequest.class)
@SerdeImport(MultipartTicket.class)
@SerdeImport(SignPartsRequest.class)
@SerdeImport(PartToSign.class)
@SerdeImport(PartUploads.class)
@SerdeImport(PartUpload.class)
@SerdeImport(StoredParts.class)
@SerdeImport(ReplacementTicket.class)
@SerdeImport(StoredPart.class)
@SerdeImport(CompleteRequest.class)
@SerdeImport(CompletedPart.class)
@SerdeImport(RecordingJson.class)
@SerdeImport(RecordingList.class)
@SerdeImport(RenditionJson.class)
@SerdeImport(ShareRequest.class)
@SerdeImport(ShareLink.class)
@SerdeImport(ShareJson.class)
@SerdeImport(ShareList.class)
@SerdeImport(SpeakersJson.class)
@SerdeImport(SpeakersJson.TalkTimeJson.class)
@SerdeImport(SpeakersJson.SpeechSegmentJson.class)
@SerdeImport(TranscriptJson.class)
@SerdeImport(TranscriptJson.SegmentJson.class)
final class WireTypes {

  private WireTypes() {}
}
